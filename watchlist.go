package probity

import "time"

// ListVersion is one load of a watch list: its name, the date its publisher
// gave it, and the SHA-256 of its content.
type ListVersion struct {
	ID         int64     `json:"id"`
	List       string    `json:"list"`        // e.g. "us_ofac_sdn", "un_sc", or the --name given
	SourceDate string    `json:"source_date"` // YYYY-MM-DD, as published, if known
	Hash       string    `json:"hash"`        // hex SHA-256 over the loaded files
	LoadedAt   time.Time `json:"loaded_at"`
	Entries    int       `json:"entries"`
}

// WatchlistEntry is one entry of a watch list, in FollowTheMoney terms.
type WatchlistEntry struct {
	List        string       `json:"list"`
	SourceID    string       `json:"source_id"` // the list's own id (SDN ent_num, UN reference number, FtM id)
	Schema      string       `json:"schema"`    // FtM schema: Person, Organization, Company, LegalEntity, Vessel, Airplane
	Name        string       `json:"name"`
	Aliases     []string     `json:"aliases,omitempty"`
	WeakAliases []string     `json:"weak_aliases,omitempty"`
	Programs    []string     `json:"programs,omitempty"` // e.g. GLOMAG, SDGT
	Countries   []string     `json:"countries,omitempty"`
	BirthDates  []string     `json:"birth_dates,omitempty"`
	Identifiers []Identifier `json:"identifiers,omitempty"`
	Addresses   []string     `json:"addresses,omitempty"` // as the list writes them: street, city, region, postcode, country
	Remarks     string       `json:"remarks,omitempty"`
}
