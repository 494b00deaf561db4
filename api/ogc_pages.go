package api

import (
	"encoding/json"
	"html"
	"net/http"
	"sort"
	"strings"
)

// writeOGCPage answers an /ogc document as a plain page for a browser:
// the document's own content, its links clickable, and no script (the
// page's security policy admits none inline).
func writeOGCPage(w http.ResponseWriter, title string, doc any) error {
	b, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString("<!doctype html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>")
	sb.WriteString(html.EscapeString(title))
	sb.WriteString("</title></head><body><h1>")
	sb.WriteString(html.EscapeString(title))
	sb.WriteString("</h1>\n")
	writeHTMLValue(&sb, v)
	sb.WriteString("\n</body></html>\n")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write([]byte(sb.String()))
	return err
}

// writeHTMLValue writes a JSON value as nested lists; an object with an
// href is a link.
func writeHTMLValue(sb *strings.Builder, v any) {
	switch x := v.(type) {
	case map[string]any:
		if href, ok := x["href"].(string); ok {
			text := href
			if t, ok := x["title"].(string); ok && t != "" {
				text = t
			}
			rel, _ := x["rel"].(string)
			sb.WriteString(`<a href="` + html.EscapeString(href) + `">` + html.EscapeString(text) + `</a> (` + html.EscapeString(rel) + `)`)
			return
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		sb.WriteString("<dl>")
		for _, k := range keys {
			sb.WriteString("<dt>" + html.EscapeString(k) + "</dt><dd>")
			writeHTMLValue(sb, x[k])
			sb.WriteString("</dd>")
		}
		sb.WriteString("</dl>")
	case []any:
		sb.WriteString("<ul>")
		for _, e := range x {
			sb.WriteString("<li>")
			writeHTMLValue(sb, e)
			sb.WriteString("</li>")
		}
		sb.WriteString("</ul>")
	case nil:
		sb.WriteString("—")
	default:
		b, _ := json.Marshal(x)
		sb.WriteString(html.EscapeString(strings.Trim(string(b), `"`)))
	}
}
