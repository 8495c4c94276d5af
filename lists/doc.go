// Package lists owns the watch-list loaders: it turns a published list file
// (the OFAC SDN legacy CSV set, the UN Security Council consolidated XML,
// FollowTheMoney JSON Lines as exported by OpenSanctions, and the generic CSV
// of DESIGN.md) into probity.WatchlistEntry values plus one
// probity.ListVersion (list name, publisher's date, SHA-256 of the bytes
// read), and it diffs two loads of the same list (added, removed, changed).
//
// Every loader has a path-based function (LoadOFAC, LoadUN, LoadFTM,
// LoadCSV) and an io.Reader core (ReadOFAC/ReadOFACSet, ReadUN, ReadFTM,
// ReadCSV) that the fuzz targets drive. Bad input is reported as a
// *probity.InputError naming the file, the line and the field; no input makes
// a loader panic. Problems that do not make a load wrong (an address country
// that no table knows, an alias row for an entry that is not in sdn.csv) are
// reported in Load.Warnings.
//
// Conventions shared by all loaders:
//   - Schema is a FollowTheMoney schema name. OFAC rows of SDN_Type "-0-"
//     (anything that is not an individual, vessel or aircraft) become
//     Organization: OFAC does not say whether an entity is a company, a
//     government body or an armed group, and Organization is the FtM schema
//     that covers all three (Company and PublicBody are its children), while
//     LegalEntity would also admit persons, which these rows are not.
//   - Countries are ISO 3166-1 alpha-2 codes (plus XK for Kosovo, as
//     FollowTheMoney does), taken from nationality, citizenship, addresses,
//     vessel flags and jurisdictions. Country names are resolved with the
//     English region names of golang.org/x/text/language/display plus a small
//     table of the spellings the lists use ("Korea, North", "Burma", "Iran
//     (Islamic Republic of)"…).
//   - Birth dates are ISO 8601 prefixes: YYYY-MM-DD, YYYY-MM or YYYY. A range
//     of years ("DOB 1955 to 1958", UN BETWEEN) is expanded to each year.
//   - Identifier schemes are FollowTheMoney property names (passportNumber,
//     idNumber, taxNumber, registrationNumber, swiftBic, imoNumber, email,
//     innCode, …) so that identifiers from every list compare alike.
//
// The OFAC remarks parser and the UN/FtM record mapping are written here
// because no maintained Go library reads these formats; CSV, XML and JSON
// tokenising use the standard library, and character-set and country-name
// data come from golang.org/x/text.
package lists
