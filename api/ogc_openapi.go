package api

import (
	"net/http"

	"landwatch/sql"
)

// ogcOpenAPI is the OpenAPI 3.0 description of /ogc (Part 1's oas30).
func (s *Server) ogcOpenAPI(w http.ResponseWriter, r *http.Request) error {
	param := func(name, in, desc string, schema map[string]any) map[string]any {
		p := map[string]any{"name": name, "in": in, "description": desc, "schema": schema, "style": "form", "explode": false}
		if in == "path" {
			p["required"] = true
			delete(p, "style")
			delete(p, "explode")
		}
		return p
	}
	str := map[string]any{"type": "string"}
	crsEnum := map[string]any{"type": "string", "format": "uri", "enum": ogcCRSList()}
	f := param("f", "query", "the format: json (geojson for features) or html", map[string]any{"type": "string", "enum": []string{"json", "geojson", "html"}})
	collections := make([]string, 0, len(sql.Collections))
	for _, c := range sql.Collections {
		collections = append(collections, c.ID)
	}
	collection := param("collection", "path", "the collection", map[string]any{"type": "string", "enum": collections})
	ok := func(desc, media string) map[string]any {
		return map[string]any{
			"200": map[string]any{"description": desc, "content": map[string]any{media: map[string]any{"schema": map[string]any{"type": "object"}}, mediaHTML: map[string]any{"schema": str}}},
			"400": map[string]any{"description": "a parameter that cannot be read, named with the reason", "content": map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{"type": "object"}}}},
			"401": map[string]any{"description": "not signed in: send Authorization: Bearer TOKEN"},
			"404": map[string]any{"description": "no such collection or feature"},
		}
	}
	get := func(id, summary string, params []map[string]any, desc, media string) map[string]any {
		return map[string]any{"get": map[string]any{"operationId": id, "summary": summary, "parameters": params, "responses": ok(desc, media)}}
	}
	items := []map[string]any{collection, f,
		param("bbox", "query", "minx,miny,maxx,maxy in bbox-crs", map[string]any{"type": "array", "minItems": 4, "maxItems": 4, "items": map[string]any{"type": "number"}}),
		param("bbox-crs", "query", "the CRS of bbox (CRS84 by default)", crsEnum),
		param("crs", "query", "the CRS of the answer (CRS84 by default)", crsEnum),
		param("datetime", "query", "a day, or an interval of days with /, on the record's date", str),
		param("limit", "query", "features per page", map[string]any{"type": "integer", "minimum": 1, "maximum": ogcMaxLimit, "default": ogcDefaultLimit}),
		param("filter", "query", "a CQL2 filter over the collection's queryables", str),
		param("filter-lang", "query", "the language of filter", map[string]any{"type": "string", "enum": []string{"cql2-text", "cql2-json"}, "default": "cql2-text"}),
		param("filter-crs", "query", "the CRS of the filter's geometries (CRS84 by default)", crsEnum),
		param("after", "query", "the page after this feature id (the next link)", map[string]any{"type": "integer"}),
		param("before", "query", "the page before this feature id (the prev link)", map[string]any{"type": "integer"}),
	}
	doc := map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": "landwatch OGC API – Features", "version": "1.0.0"},
		"servers": []map[string]any{{"url": ogcBase(r)}},
		"components": map[string]any{"securitySchemes": map[string]any{
			"bearer":  map[string]any{"type": "http", "scheme": "bearer"},
			"session": map[string]any{"type": "apiKey", "in": "cookie", "name": sessionCookie},
		}},
		"security": []map[string]any{{"bearer": []string{}}, {"session": []string{}}},
		"paths": map[string]any{
			"/":                                      get("landing", "the landing page", []map[string]any{f}, "the landing page", mediaJSON),
			"/conformance":                           get("conformance", "the conformance classes", []map[string]any{f}, "the classes", mediaJSON),
			"/api":                                   get("api", "this description", []map[string]any{}, "this description", mediaOpenAPI),
			"/collections":                           get("collections", "the collections", []map[string]any{f}, "the collections", mediaJSON),
			"/collections/{collection}":              get("collection", "one collection", []map[string]any{collection, f}, "the collection", mediaJSON),
			"/collections/{collection}/queryables":   get("queryables", "what a filter may name", []map[string]any{collection, f}, "a JSON Schema", mediaSchema),
			"/collections/{collection}/items":        get("items", "a page of features", items, "the features", mediaGeoJSON),
			"/collections/{collection}/items/{item}": get("item", "one feature", []map[string]any{collection, param("item", "path", "the feature id", map[string]any{"type": "integer"}), f, items[4]}, "the feature", mediaGeoJSON),
		},
	}
	addWrites(doc["paths"].(map[string]any), collection, param("item", "path", "the feature id", map[string]any{"type": "integer"}))
	if wantsHTML(r) {
		return writeOGCPage(w, "OpenAPI", doc)
	}
	s.writeJSON(w, http.StatusOK, mediaOpenAPI, doc)
	return nil
}

// addWrites describes the writes of Part 4 (the collections supplies and
// parcels; the others answer 405).
func addWrites(paths map[string]any, collection, item map[string]any) {
	problem := map[string]any{"description": "a problem document naming the field at fault", "content": map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{"type": "object"}}}}
	header := func(name, desc string, required bool) map[string]any {
		return map[string]any{"name": name, "in": "header", "required": required, "description": desc, "schema": map[string]any{"type": "string"}}
	}
	ifMatch := header("If-Match", "the feature's ETag (412 when it is not current, 428 without it)", true)
	contentCRS := header("Content-Crs", "the CRS of the body's geometry, <URI> (CRS84 by default)", false)
	body := map[string]any{"required": true, "content": map[string]any{mediaGeoJSON: map[string]any{"schema": map[string]any{"type": "object"}}}}
	op := func(id, summary, status string, params []map[string]any, withBody bool) map[string]any {
		o := map[string]any{"operationId": id, "summary": summary, "parameters": params,
			"responses": map[string]any{status: map[string]any{"description": summary}, "4XX": problem}}
		if withBody {
			o["requestBody"] = body
		}
		return o
	}
	items := paths["/collections/{collection}/items"].(map[string]any)
	items["post"] = op("createItem", "add a feature (supplies, parcels)", "201", []map[string]any{collection, contentCRS}, true)
	one := paths["/collections/{collection}/items/{item}"].(map[string]any)
	one["put"] = op("replaceItem", "replace a feature", "200", []map[string]any{collection, item, ifMatch, contentCRS}, true)
	one["patch"] = op("updateItem", "change the properties and geometry given", "200", []map[string]any{collection, item, ifMatch, contentCRS}, true)
	one["delete"] = op("deleteItem", "delete a feature (parcels; its supply's history keeps it)", "204", []map[string]any{collection, item, ifMatch}, false)
}
