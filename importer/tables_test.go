package importer

import (
	"slices"
	"strings"
	"testing"

	"landwatch/land"
)

// A clerk sees what became of each column: which were read as which field,
// which were not (unknown, or repeating one read already).
func TestEachTableSaysWhichColumnsWereReadAndWhichNot(t *testing.T) {
	text := "电子监管号：,Project name,备注,项目名称,供地方式\n1306262018B00730,甲项目,说明,乙项目,挂牌出让\n"
	b := ParseSupplyCSV("columns.csv", strings.NewReader(text))
	if len(b.Tables) != 1 {
		t.Fatalf("tables = %+v, want one", b.Tables)
	}
	got := b.Tables[0]
	want := []land.ColumnMapping{{Label: "电子监管号：", Field: "e_number"}, {Label: "Project name", Field: "project_name"}, {Label: "供地方式", Field: "method"}}
	if got.File != "columns.csv" || !slices.Equal(got.Read, want) || !slices.Equal(got.Ignored, []string{"备注", "项目名称"}) {
		t.Errorf("table = %+v\nwant read %+v and ignored [备注 项目名称]", got, want)
	}
}
