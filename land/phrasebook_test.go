package land

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// madeFormats are the texts messages may be made from: every string
// literal of the module outside tests (the formats of Invalid, Errorf,
// fmt.Sprintf and the importers' own helpers among them).
func madeFormats(t *testing.T) map[string]bool {
	t.Helper()
	made := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != ".." && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || d.Name() == "phrasebook_zh.go" {
			return nil // the book is no maker of messages
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if e, ok := n.(ast.Expr); ok {
				if s, ok := constString(e); ok {
					made[s] = true
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return made
}

// constString is the text of a string literal, or of literals joined by
// +, so that a long message may be written over several lines.
func constString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return constString(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, okX := constString(e.X)
		y, okY := constString(e.Y)
		return x + y, okX && okY
	}
	return "", false
}

// Every phrase of the book is the Chinese of a message still made, and
// prints what its English prints, each thing once: a message reworded in
// English must be reworded in the book too.
func TestPhrasebookHoldsMessagesStillMade(t *testing.T) {
	made := madeFormats(t)
	if len(made) < 300 {
		t.Fatalf("found %d formats in the module: the scan is broken", len(made))
	}
	phrases, _ := phrasebookZH()
	for en, zh := range phrases {
		if !made[en] && !made[": "+en] { // the second: a message added to another's
			t.Errorf("%q is in the phrasebook but no message is made from it", en)
		}
		// The same verbs, each printing the same value: a value put in
		// another place is named by its index (%[2]s).
		if want, got := verbSlots(en), verbSlots(zh); len(want) != len(got) || !slices.IsSorted(want) || !samePrinting(en, zh) {
			t.Errorf("%q prints %v, its Chinese %q prints %v", en, want, zh, got)
		}
		if !strings.ContainsFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("the Chinese of %q has no Chinese: %q", en, zh)
		}
	}
}

// samePrinting reports whether zh prints each of en's values with the same
// verb, and each exactly once.
func samePrinting(en, zh string) bool {
	letters := func(format string) map[int]string {
		out := map[int]string{}
		slots := verbSlots(format)
		for i, at := range verbsIn(format) {
			if _, twice := out[slots[i]]; twice {
				out[-1] = "twice"
			}
			out[slots[i]] = format[at[1]-1 : at[1]]
		}
		return out
	}
	return maps.Equal(letters(en), letters(zh))
}

// sampleArgs are values for each verb of a format, each told apart.
func sampleArgs(format string) []any {
	var args []any
	for i, at := range verbsIn(format) {
		switch format[at[1]-1] {
		case 'd':
			args = append(args, 1000+i)
		case 'c':
			args = append(args, 'Q')
		case 'f', 'g', 'e':
			args = append(args, 12.0+float64(i))
		default:
			args = append(args, fmt.Sprintf("V%dX", i))
		}
	}
	return args
}

// A message made from a phrase comes back in Chinese with what it printed
// kept, alone, behind a field's name and joined to others.
func TestPhrasebookPutsMessagesIntoChinese(t *testing.T) {
	b := NewPhrasebook()
	phrases, _ := phrasebookZH()
	for en, zh := range phrases {
		for _, empty := range []bool{false, true} {
			args := sampleArgs(en)
			if empty { // a value printed empty (an empty name, no note) still makes its message
				for i, a := range args {
					if _, ok := a.(string); ok {
						args[i] = ""
					}
				}
			}
			msg := fmt.Sprintf(en, args...)
			if got, want := b.Chinese(msg), fmt.Sprintf(zh, args...); got != want {
				t.Errorf("%q\n put into Chinese %q\n want %q", msg, got, want)
			}
		}
	}
	for _, c := range []struct{ en, zh string }{
		{"region_code: the record belongs to region 652901, outside your region 130626",
			"行政区代码：该记录属于行政区 652901，不在您的行政区 130626 范围内"},
		{"2 fields are invalid: method: the supply method is required (a code such as 23 or a name such as 挂牌出让); area_ha: the area must be above 0 and below 10000 hectares, not -1",
			"2 个字段有误：供地方式：供地方式为必填项（代码如 23，或名称如 挂牌出让）；面积（公顷）：面积应大于 0 且小于 10000 公顷，而不是 -1"},
		{"kind: a halt needs a construction_start first", "事件类型：停工之前须先有开工"},
		{"land_use_code: \"商住\" is not a known land use; the code 0701 is kept", "土地用途：\"商住\" 不是已知的土地用途，保留代码 0701"},
		{"2030-01-02 is in the future (today is 2026-12-07)", "2030-01-02 晚于今天（2026-12-07）"},
		// A message ending in a value does not take in the one after it.
		{"2 fields are invalid: agreed_start: 2026-01-01 is before the agreed delivery of 2026-03-01; area_ha: the area must be above 0 and below 10000 hectares, not -1",
			"2 个字段有误：约定开工时间：2026-01-01 早于约定交地时间 2026-03-01；面积（公顷）：面积应大于 0 且小于 10000 公顷，而不是 -1"},
		// A part the book does not know leaves the whole as it was written.
		{"method: a reason the book lacks; area_ha: the area must be above 0 and below 10000 hectares, not -1",
			"method: a reason the book lacks; area_ha: the area must be above 0 and below 10000 hectares, not -1"},
		{"installments[1].amount_wan: an installment amount must be 0 or more (万元), not -5",
			"分期支付 2 · 约定支付金额（万元）：分期金额应不小于 0（万元），而不是 -5"},
		{"the clerk role may not review", "录入员角色无此权限：审核"},
		// An idle assessment's reason, a message printed within another.
		{"not started 3 full year(s) after the agreed start 2020-01-01 moved back 17 day(s) to 2020-01-18 by the late delivery (agreed 2019-06-01, delivered 2019-06-18)",
			"约定开工日期 2020-01-01 因迟延交地（约定 2019-06-01，实际 2019-06-18）顺延 17 天至 2020-01-18后满 3 年未开工"},
		{"halted since 2023-03-19 for 3 full year(s) with 19.6 % developed and 15.6 % invested",
			"自 2023-03-19 起中止开发建设满 3 年，已开发面积 19.6%、已投资 15.6%"},
		{"a fault the book does not know: of the disk", "a fault the book does not know: of the disk"},
		// An integer's verb takes digits only: a quoted instalment is another message.
		{`installments: instalment 2: the amount (万元) must be a non-negative number, not "x"`,
			`分期支付：分期支付第 2 期：金额（万元）应为非负数，而不是 "x"`},
		{`installments: instalment "2026-01-05": expected [date, amount] or [date, amount, remark]`,
			`分期支付：分期支付 "2026-01-05"：应为 [日期, 金额] 或 [日期, 金额, 备注]`},
		// A value that is a word of the book: a transaction's kind, the cause of idle land.
		{"only a lease has a lease term, not a transfer", "只有出租有租赁期限，转让没有"},
		{"document_no: name the decision document (文号) of the determined", "决定文号：请填写决定文书文号（已认定）"},
		{"status: a finding cannot go from closed to assigned", "状态：核查线索不能从已结案变为已分派"},
		{`from: "30/09/2026" is not a date such as 2026-09-30`, `起始日期："30/09/2026" 不是日期（如 2026-09-30）`},
		// Where in a boundary, as an API's arrays, a GeoJSON file's parts and a coordinate file's lines name it.
		{"geometry: polygon 0, ring 0 (outer) crosses itself at (115.7805, 39.2605) (edge from vertex 1 to 2 and edge from vertex 3 to 4)",
			"宗地图形：多边形 0 的环 0（外环）在 (115.7805, 39.2605) 处自相交（顶点 1 至 2 之间的边与顶点 3 至 4 之间的边）"},
		{"vertex 1 at (150, 39.26) of polygon 0, ring 0 (outer) lies outside China (longitude 73–136 E, latitude 3–54 N) (longitude and latitude swapped?)",
			"多边形 0 的环 0（外环）的顶点 1 (150, 39.26) 位于中国境外（东经 73–136°，北纬 3–54°）（经度与纬度是否颠倒？）"},
		{"the edge from positions 2–3 of part 1, outer ring and the edge from positions 3–4 of part 1, hole 1 cross at (115.78, 39.26)",
			"第 1 部分的外环中第 2–3 个坐标之间的边与第 1 部分的内环 1中第 3–4 个坐标之间的边在 (115.78, 39.26) 处相交"},
		{"geometry: the edge from vertex 2 to 3 of polygon 0, ring 0 (outer) and the edge from vertex 3 to 4 of polygon 0, ring 1 (hole) share a stretch of boundary at (115.7808, 39.261)",
			"宗地图形：多边形 0 的环 0（外环）中顶点 2 至 3 之间的边与多边形 0 的环 1（内环）中顶点 3 至 4 之间的边在 (115.7808, 39.261) 处有一段边界重合"},
		{"the part whose outer ring is ring 圈号 2 from line 30 lies inside the part whose outer ring is ring 圈号 1 from line 12: the polygons of a MultiPolygon must not overlap",
			"外环为圈号 2 的环（第 30 行起）的部分位于外环为圈号 1 的环（第 12 行起）的部分之内：MultiPolygon 的各多边形不得重叠"},
		{"too many failed sign-ins; try again in 15 minutes", "登录失败次数过多，请 15 分钟后再试"},
		{"lots[1].number: lot 3 is also lots[0]", "出让宗地 2 · 编号：出让宗地 3 与 出让宗地 1 重复"},
		{"no history for supply 1306262026B00041", "供地 1306262026B00041 没有历史记录"},
		{"near: \"200,30\" is not lon,lat in China", "位置：\"200,30\" 不是中国境内的“经度,纬度”"},
		// A name under another is looked up with it first: an instalment's period is not a report's.
		{"installments[1].period: an installment period must be 1 or more, not 0", "分期支付 2 · 期数：分期期数应不小于 1，而不是 0"},
		{`period: "2018Q5" is not a report period (expected 2018Q1, 2018H1, 2018Q1-3 or 2018)`, "报告期：\"2018Q5\" 不是报告期（应为 2018Q1、2018H1、2018Q1-3 或 2018）"},
		// A value that is itself a message of the book.
		{"ring 圈号 2 runs clockwise, the way of this parcel's holes, but lies inside the hole 圈号 1: read as an outer ring by its nesting",
			"圈号 2 的环为顺时针走向，与本宗地内环相同，但位于圈号 1 的内环之中：按嵌套关系视为外环"},
		{"the determination of 2024-05-01 names government as the cause: the case goes to negotiation (extension, change of use, temporary use, paid recovery, swap), not a fee",
			"2024-05-01 的认定以政府为闲置原因：应协商处置（延长动工开发期限、调整土地用途或规划条件、安排临时使用、协议有偿收回、置换土地），不征缴土地闲置费"},
	} {
		if got := b.Chinese(c.en); got != c.zh {
			t.Errorf("Chinese(%q)\n = %q\nwant %q", c.en, got, c.zh)
		}
	}
}

// An import's report may hold thousands of rejections, each put into
// Chinese when the page asks: go test -bench Phrasebook ./land.
func BenchmarkPhrasebookChinese(b *testing.B) {
	book := NewPhrasebook()
	msgs := []string{
		"region_code: the record belongs to region 652901, outside your region 130626",
		`no supply with e-supervision number "1306262026B00041" and no reserve with that number: import or create the record first, or name the supply with --supply`,
		"a reason the book does not hold: of a disk: full",
	}
	for i := 0; b.Loop(); i++ {
		book.Chinese(msgs[i%len(msgs)])
	}
}
