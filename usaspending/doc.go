// Package usaspending reads USAspending.gov CSV files into awards and
// subawards for the contract register. It owns the file layouts and their
// drift; the caller (ingest) owns storage and organization resolution.
//
// Layouts, detected from the header by column name:
//   - prime award summaries, contracts (Contracts_PrimeAwardSummaries_*.csv)
//     and assistance (Assistance_PrimeAwardSummaries_*.csv);
//   - subawards (Contracts_Subawards_*.csv, Assistance_Subawards_*.csv),
//     with the 2025 subaward_fsrs_report_* names read as the current
//     subaward_sam_report_*;
//   - the 10-column transaction extract of the spending_by_transaction API
//     (Agency, Award ID, …, Generated Award ID), aggregated per award;
//   - the Torn Apart / Separados 2018 list of ICE awards (freezer.csv).
//
// Drift tolerated: extra, missing optional and reordered columns; header
// case, spaces and punctuation; dates re-saved by a spreadsheet as
// 12/22/17 (two-digit years pivot at 68, as POSIX %y: 00–68 are 20xx);
// times after dates; amounts without decimals or with $, commas,
// accounting parentheses or exponents; negative de-obligations; DUNS
// numbers that lost their leading zeros; UTF-8 that was mis-decoded as
// Windows-1252 once or more and then upper-cased (RepairMojibake). Codes
// keep their leading zeros ("070"): cells are strings until a column is
// known to be a number.
//
// Agencies form a hierarchy, office ⊂ sub-agency ⊂ agency ⊂ the United
// States federal government (Award.AgencyPath). They are keyed by code in
// the schemes named by the Scheme constants; names are made canonical by
// a table of known codes and by CanonicalAgencyName's casing rules, so
// "Department of Homeland Security (DHS)" and "U.S. IMMIGRATION AND
// CUSTOMS ENFORCEMENT" read as the prime files spell them.
//
// Hand-written parts, and why: the CSV syntax is encoding/csv's; the
// layout, date and amount rules are specific to these files. Mojibake
// repair is hand-written because the known library (ftfy) is Python, and
// the upper-casing these files went through needs a repair of its own;
// the byte mapping is golang.org/x/text's Windows-1252 table.
package usaspending
