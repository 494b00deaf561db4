package land

import (
	"encoding/json"
	"os"
	"testing"
)

func TestParseMethod(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		code  string
		field string
	}{
		{"allocation by code", "1", "1", ""},
		{"allocation by name", "划拨", "1", ""},
		{"tender by name", "招标出让", "21", ""},
		{"auction by name", "拍卖出让", "22", ""},
		{"listing by name with blanks around", " 挂牌出让 ", "23", ""},
		{"agreement by name", "协议出让", "3", ""},
		{"lease by code", "4", "4", ""},
		{"capital contribution by name", "作价出资或入股", "5", ""},
		{"authorised operation by name", "授权经营", "6", ""},
		{"the legacy generic tender-auction-listing code", "2", "2", ""},
		{"the legacy generic name", "招拍挂出让", "2", ""},
		{"an empty method is invalid", "", "", "method"},
		{"an unknown code is invalid", "24", "", "method"},
		{"an unknown name is invalid", "出让", "", "method"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, err := ParseMethod(tt.in)
			if tt.field != "" {
				if ErrorCode(err) != CodeInvalid || ErrorField(err) != tt.field {
					t.Fatalf("ParseMethod(%q) error = %v, want invalid %q", tt.in, err, tt.field)
				}
				return
			}
			if err != nil || code != tt.code {
				t.Fatalf("ParseMethod(%q) = %q, %v; want %q", tt.in, code, err, tt.code)
			}
		})
	}
}

func TestKindOfAndMethodName(t *testing.T) {
	tests := []struct {
		name   string
		method string
		kind   Kind
		label  string
	}{
		{"allocation is its own kind", "1", KindAllocation, "划拨"},
		{"the generic transfer code is a transfer", "2", KindTransfer, "招拍挂出让"},
		{"tender is a transfer", "21", KindTransfer, "招标出让"},
		{"auction is a transfer", "22", KindTransfer, "拍卖出让"},
		{"listing is a transfer", "23", KindTransfer, "挂牌出让"},
		{"agreement is a transfer", "3", KindTransfer, "协议出让"},
		{"lease is a lease", "4", KindLease, "租赁"},
		{"capital contribution is capital", "5", KindCapital, "作价出资或入股"},
		{"authorised operation is authorised", "6", KindAuthorised, "授权经营"},
		{"an unknown code has no kind and no name", "7", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KindOf(tt.method); got != tt.kind {
				t.Errorf("KindOf(%q) = %q, want %q", tt.method, got, tt.kind)
			}
			if got := MethodName(tt.method); got != tt.label {
				t.Errorf("MethodName(%q) = %q, want %q", tt.method, got, tt.label)
			}
		})
	}
}

// The land market site's own table of method names and codes must read
// both ways.
func TestParseMethodReadsTheSiteCodeTable(t *testing.T) {
	b, err := os.ReadFile("../reference/landchina/supply_method_codes.json")
	if err != nil {
		t.Fatal(err)
	}
	var table map[string]string
	if err := json.Unmarshal(b, &table); err != nil {
		t.Fatal(err)
	}
	if len(table) != 9 {
		t.Fatalf("the site table has %d methods, want 9", len(table))
	}
	for name, code := range table {
		t.Run("name "+name+" and code "+code+" give the same code", func(t *testing.T) {
			byName, err := ParseMethod(name)
			if err != nil || byName != code {
				t.Errorf("ParseMethod(%q) = %q, %v; want %q", name, byName, err, code)
			}
			byCode, err := ParseMethod(code)
			if err != nil || byCode != code {
				t.Errorf("ParseMethod(%q) = %q, %v; want %q", code, byCode, err, code)
			}
			if MethodName(code) != name {
				t.Errorf("MethodName(%q) = %q, want %q", code, MethodName(code), name)
			}
		})
	}
}
