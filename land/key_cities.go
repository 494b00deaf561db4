package land

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// KeyCity is one of the 84 key cities (84个重点城市) whose land market the
// ministry monitors and which report quarterly beside the provinces (2008
// notice, 三). Basis says why it is listed: municipality (直辖市), capital
// (省会、首府), separately_planned (计划单列市), ministry — taken from the
// ministry's own list, or unconfirmed — an entry not checked against it
// (reference/divisions/README.md).
type KeyCity struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Province string `json:"province"`
	Basis    string `json:"basis"`
}

// Municipality tells whether the city is one of the 直辖市, listed by its
// 市辖区 and reporting as a province.
func (c KeyCity) Municipality() bool { return c.Name == c.Province }

// KeyCityBases are the reasons a city is on the list.
var KeyCityBases = []string{"municipality", "capital", "separately_planned", "ministry", "unconfirmed"}

// LoadKeyCities reads a list of key cities (code,name,province,basis) from
// r, called name in its errors, and checks each row against the division table: the code must be
// a prefecture-level division (a municipality by its 市辖区, XX0100,
// named as the province) and carry the table's name; no code twice. It
// returns CodeInvalid naming "NAME:LINE" for a row that fails.
func LoadKeyCities(in io.Reader, name string, regions *Regions) ([]KeyCity, error) {
	r := csv.NewReader(in)
	header, err := r.Read()
	if err != nil || strings.Join(header, ",") != "code,name,province,basis" {
		return nil, Invalid(name+":1", "the header must be code,name,province,basis")
	}
	var out []KeyCity
	seen := map[string]bool{}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		where := name + ":" + strconv.Itoa(line)
		if err != nil {
			return nil, Invalid(where, "%v", err)
		}
		c := KeyCity{Code: rec[0], Name: rec[1], Province: rec[2], Basis: rec[3]}
		reg, ok := regions.Lookup(c.Code)
		switch {
		case !ok || reg.Level != LevelPrefecture:
			return nil, Invalid(where, "%s is not a prefecture-level division", c.Code)
		case reg.Name != c.Name && !(reg.Name == "市辖区" && c.Municipality()):
			return nil, Invalid(where, "%s is %s in the division table, not %s", c.Code, reg.Name, c.Name)
		case seen[c.Code]:
			return nil, Invalid(where, "%s is listed twice", c.Code)
		}
		prov, _ := regions.Lookup(c.Code[:2] + "0000")
		if prov.Name != c.Province {
			return nil, Invalid(where, "%s lies in %s, not %s", c.Code, prov.Name, c.Province)
		}
		if !strings.Contains(" "+strings.Join(KeyCityBases, " ")+" ", " "+c.Basis+" ") {
			return nil, Invalid(where, "basis %q is not one of %v", c.Basis, KeyCityBases)
		}
		seen[c.Code] = true
		out = append(out, c)
	}
}
