package sql

import "strings"

// A view reads the register's records with a query written for their own
// tables: live leaves it as it is; published turns it to the copies of
// their last approved versions (published_*, 0046), which the public side
// reads, so that a correction waiting for review does not take a record
// off it. One query text serves both.
type view func(query string) string

func live(query string) string { return query }

func published(query string) string { return publishedTables.Replace(query) }

// publishedTables maps each table, as the queries alias it, to its
// published copy.
var publishedTables = strings.NewReplacer(
	" announcement a", " published_announcement a",
	" lot l", " published_lot l",
	" deal d", " published_deal d",
	" supply_plan p", " published_supply_plan p",
)
