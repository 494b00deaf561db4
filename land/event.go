package land

import "time"

// EventKind names a development event.
type EventKind string

// The development events of a supply (DESIGN §3).
const (
	EventDelivery          EventKind = "delivery"           // 交地
	EventStart             EventKind = "construction_start" // 开工
	EventProgress          EventKind = "progress"           // 进度报告
	EventHalt              EventKind = "halt"               // 停工
	EventResumption        EventKind = "resumption"         // 复工
	EventCompletion        EventKind = "completion"         // 竣工
	EventAcceptance        EventKind = "acceptance"         // 竣工验收
	EventIdleDetermination EventKind = "idle_determination" // 闲置土地认定
	EventDisposal          EventKind = "disposal"           // 闲置土地处置
	EventRecovery          EventKind = "recovery"           // 收回
	EventCancellation      EventKind = "cancellation"       // 注销
)

// Event is something that happened to a supply on the ground, with the day it
// happened and when and by whom it was recorded.
type Event struct {
	ID         int64     `json:"id"`
	SupplyID   int64     `json:"supply_id"`
	Kind       EventKind `json:"kind"`
	OccurredOn Date      `json:"occurred_on"`
	RecordedAt time.Time `json:"recorded_at"`
	RecordedBy string    `json:"recorded_by"`

	// DevelopedShare and InvestedShare (0..1) come with progress reports.
	DevelopedShare *float64 `json:"developed_share,omitempty"`
	InvestedShare  *float64 `json:"invested_share,omitempty"`
	// Cause of an idle determination: "holder" or "government" (or force majeure).
	Cause string `json:"cause,omitzero"`
	// Disposal is the measure of a disposal event: fee, extension,
	// temporary_use, negotiated_recovery, swap, recovery_without_compensation.
	Disposal string `json:"disposal,omitzero"`
	// Reason explains an unusual order, such as a start before delivery.
	Reason string `json:"reason,omitzero"`
	// DocumentNo is the number (文号) of the decision behind a determination
	// or disposal.
	DocumentNo string `json:"document_no,omitzero"`
	// FeeWan is the idle-land fee (土地闲置费) in 万元 decided by a fee
	// disposal, as the idle rule computed it from the land price.
	FeeWan *float64 `json:"fee_wan,omitempty"`
	// NewStart is the newly agreed start (重新约定的动工开发日期) that a
	// disposal letting development go on records (art. 12): the start of a
	// supplementary agreement or of an extension, or the day temporary use
	// ends. The idle clock restarts from it, not from the disposal's day.
	NewStart Date `json:"new_start,omitzero"`
	// VerificationID names the field verification (实地核查) an event was
	// seen in: a start or the shares measured on site.
	VerificationID *int64 `json:"verification_id,omitempty"`
	Note           string `json:"note,omitzero"`
	Imported       bool   `json:"imported,omitzero"` // taken from a published record
	// Amendment is why the event was last corrected (更正原因); empty for
	// an event as first recorded. A withdrawn event is kept with its reason
	// in the supply's history and no longer counts.
	Amendment string `json:"amendment,omitzero"`
	Version   int    `json:"version"`
}

// Stage is the development stage of a supply, derived from its events.
type Stage string

// The stages of DESIGN §3.
const (
	StageReserved     Stage = "reserved"           // 储备
	StageSupplied     Stage = "supplied"           // 已供未交
	StageDelivered    Stage = "delivered"          // 已交未开工
	StageConstruction Stage = "under_construction" // 在建
	StageCompleted    Stage = "completed"          // 已竣工
	StageAccepted     Stage = "accepted"           // 已验收
	StageIdle         Stage = "idle"               // 闲置
	StageReclaimed    Stage = "reclaimed"          // 已收回
)
