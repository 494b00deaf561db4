package land

import (
	"iter"

	"github.com/paulmach/orb"
)

// The records a file gives, each with the file and physical line it came
// from, and the problems that kept others out: what the importer parses into
// and what an import writes.

// Rejection is one problem that kept a record out of a batch. A record with
// several bad fields gives several rejections with the same File, Line and
// Record.
type Rejection struct {
	File   string `json:"file"`
	Line   int    `json:"line"`   // 1-based physical line; 0 when the whole file is concerned
	Record string `json:"record"` // the record's key: e-supervision number, 地块编号, or "feature N"
	Field  string `json:"field"`  // the field at fault: a JSON key of Supply, a column of the coordinate format ("X", "圈号" …), or "geometry"
	Reason string `json:"reason"`
}

// Warning is something surprising in a record that was accepted anyway
// (a swapped column, an area given in m², a point count that does not add
// up …).
type Warning struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Record  string `json:"record"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// SupplyRecord is one supply read from a file.
type SupplyRecord struct {
	File   string
	Line   int
	Supply Supply
	// Events are the published actual start and completion dates, as
	// imported events (Imported true, RecordedBy "import"); their SupplyID
	// is not known yet.
	Events []Event
	// Absent are the fields of the supply (its columns, and
	// "installments") that the file has no column for: an import keeps
	// what is stored for them, and a new supply has them empty.
	Absent []string
	// WithParcel is a supply read from a feature that also draws one of
	// its parcels: such a file repeats a supply's fields on each of its
	// parcels, so the same supply again in that file is its form, not a
	// row twice.
	WithParcel bool
}

// ReserveRecord is one reserve (土地收购储备) read from a file, without
// its parcels.
type ReserveRecord struct {
	File    string
	Line    int
	Reserve Reserve
}

// TransactionRecord is one transfer, lease or mortgage (转让、出租、抵押)
// read from a file, naming its supply by e-supervision number.
type TransactionRecord struct {
	File        string
	Line        int
	Transaction Transaction
}

// PlanRecord is one supply plan (供地计划) read from a file.
type PlanRecord struct {
	File string
	Line int
	Plan Plan
}

// AnnouncementRecord is one row of announced lots: an announcement with
// the one lot of its line. Rows of one announcement are put together when
// they are written.
type AnnouncementRecord struct {
	File         string
	Line         int
	Announcement Announcement
}

// DealRecord is one deal (成交公示) read from a file, naming its
// announcement and lot by their numbers.
type DealRecord struct {
	File string
	Line int
	Deal Deal
}

// ParcelRecord is one parcel boundary read from a file. Parcel.Geometry is
// in EPSG:4490; PlaneAreaM2 and GKEPSG are filled in (computed in its Gauss-Krüger zone).
type ParcelRecord struct {
	File   string
	Line   int
	Parcel Parcel
	// SupplyKey is the e-supervision number of the supply the parcel belongs
	// to: its 地块编号, else its 地块名称 (DESIGN §8), or the e_number of a
	// GeoJSON feature.
	SupplyKey string
}

// Batch is what one or more files gave.
type Batch struct {
	Supplies []SupplyRecord
	Reserves []ReserveRecord
	Plans    []PlanRecord
	// Announcements are rows of announced lots; Deals rows of deals.
	Announcements []AnnouncementRecord
	Deals         []DealRecord
	Parcels       []ParcelRecord
	// Transactions are transfers, leases and mortgages of supplied land.
	Transactions []TransactionRecord
	Rejected     []Rejection
	Warnings     []Warning
	// Tables say, for each table read (a CSV file, a workbook's sheet),
	// which columns were read as which field and which were not, so that a
	// clerk sees what happened to each column.
	Tables []TableColumns
}

// TableColumns is what became of the columns of one table.
type TableColumns struct {
	File    string          `json:"file"`
	Read    []ColumnMapping `json:"read"`    // in the table's order
	Ignored []string        `json:"ignored"` // labels not read: unknown, or repeating a field read already
}

// ColumnMapping is one column read: its label as written and the field it
// fills.
type ColumnMapping struct {
	Label string `json:"label"`
	Field string `json:"field"`
}

// Append adds the records, rejections, warnings and tables of o to b.
func (b *Batch) Append(o Batch) {
	b.Supplies = append(b.Supplies, o.Supplies...)
	b.Reserves = append(b.Reserves, o.Reserves...)
	b.Plans = append(b.Plans, o.Plans...)
	b.Announcements = append(b.Announcements, o.Announcements...)
	b.Deals = append(b.Deals, o.Deals...)
	b.Parcels = append(b.Parcels, o.Parcels...)
	b.Transactions = append(b.Transactions, o.Transactions...)
	b.Rejected = append(b.Rejected, o.Rejected...)
	b.Warnings = append(b.Warnings, o.Warnings...)
	b.Tables = append(b.Tables, o.Tables...)
}

// Stream is a batch delivered while its files are still being read, so
// that writing its first supplies need not wait for the last feature of a
// large file to be read. Its Supplies are ranged over once, and Rest
// asked for once they have all been taken; a reader that stops taking
// supplies stops the reading and asks for nothing more.
type Stream struct {
	// Head is what supplies may name, whole before the first supply:
	// reserves, supply plans, announcements and deals.
	Head Batch
	// Supplies yields the supply records in the files' order, a block at a
	// time, as they are read.
	Supplies iter.Seq[[]SupplyRecord]
	// Rest, called once Supplies is done, returns the rest of the batch:
	// parcels, transactions, rejections, warnings and tables. When a file
	// turned out unreadable as a whole (a GeoJSON file that breaks off),
	// the supplies it delivered do not stand: Rest then returns the whole
	// batch as it is to be written, supplies and head included, and again
	// true.
	Rest func() (b Batch, again bool)
}

// Split divides b as a Stream delivers it, its supplies aside: head, what
// supplies may name (reserves, plans, announcements, deals), and the rest.
func (b Batch) Split() (head, rest Batch) {
	return Batch{Reserves: b.Reserves, Plans: b.Plans, Announcements: b.Announcements, Deals: b.Deals},
		Batch{Parcels: b.Parcels, Transactions: b.Transactions, Rejected: b.Rejected, Warnings: b.Warnings, Tables: b.Tables}
}

// Whole is b as a stream that has nothing left to read.
func Whole(b Batch) Stream {
	head, rest := b.Split()
	return Stream{Head: head,
		Supplies: func(yield func([]SupplyRecord) bool) {
			if len(b.Supplies) > 0 {
				yield(b.Supplies)
			}
		},
		Rest: func() (Batch, bool) { return rest, false }}
}

// Accepted returns the number of records in b: supplies, reserves, plans,
// rows of announced lots, deals, parcels and transactions.
func (b Batch) Accepted() int {
	return len(b.Supplies) + len(b.Reserves) + len(b.Plans) + len(b.Announcements) + len(b.Deals) +
		len(b.Parcels) + len(b.Transactions)
}

// Footprint is one construction footprint read from a file.
type Footprint struct {
	Record     string // "feature N"
	Geometry   orb.MultiPolygon
	Source     string
	ObservedOn Date
}
