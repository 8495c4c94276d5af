// Package translit romanises names written in scripts other than Latin,
// part by part, and says how each part was romanised.
//
// It owns the scripts whose romanisation needs more than one letter-for-letter
// table: Arabic (with Persian, Urdu and Pashto letters), Chinese Han
// characters, Japanese kana, Korean Hangul, Thai, Devanagari, Khmer, Hebrew
// and Greek. Cyrillic, Armenian, Georgian and Ethiopic are romanised letter
// by letter by package match's own tables and pass through Latin unchanged.
//
// Each name part gets one key (Part.Latin): the spelling that lands closest,
// in edit distance and in match's consonant-class phonetic key, to the
// spellings lists actually use. The other usual spellings of the part are
// listed as Variants, each with the rule that makes it. The key is what
// package match compares; the variants are shown in explanations, and
// those of another romanisation system (Wade–Giles, Revised Romanization,
// other spellings of a Korean family name, English forms of Greek given
// names, Thai with a final ร silent) make whole-name Alternatives, which match compares too, so that a
// list following that system ("Mao Tse-tung", "Park Geun-hye", "George
// Papadopoulos") is matched and the explanation names the system.
//
// Conventions, per script (details beside each transliterator):
//
//   - Arabic: consonants as in the common English practice (خ kh, ش sh,
//     ث th, ذ dh, غ gh, ق q; ذ ض ظ as z and ث ص as s in a name written
//     with Persian or Pashto letters), the article ال split off as "al",
//     عبد compounds as "abd al …" ("abdul …" in Persian-lettered names; عبد
//     الله as "abdullah"), الله and الدين after a name joined to it as
//     "…allah", "…aldin" ("…ullah", "…uddin" in Persian-lettered names),
//     ta marbuta "a", and short vowels, which Arabic script does not
//     write, guessed as "a" only where a Latin spelling must have a vowel
//     (not at the ends of a foreign name spelt out in full). Common given
//     and family names are looked up in a table of their usual English
//     spellings (arabic_names.go). Two known names run together after a
//     letter that does not join the next (محمدعبد: the missing space does
//     not show) are cut apart. Words of organisations' names that lists
//     transliterate (انصار, جبهة, جيش …) are not joined to الدين or الله
//     ("ansar al din"). Vowels stay guesses: package match compares a name
//     written in Arabic or Hebrew script on its consonants (match's
//     abjad.go), and cuts the article and عبد compounds out of Latin
//     spellings such as "Abderrahmane", "Elhadi", "Noureddine" alike.
//   - Han: Hanyu Pinyin without tones, from the Unihan-derived readings of
//     the pinyin-data project (han_pinyin.txt, MIT; see ATTRIBUTION.md),
//     with surname readings for polyphonic family names; a name of two to
//     four characters is split into family and given name, Chinese style
//     ("陈全国" → "chen quanguo"). Wade–Giles spellings are variants.
//     Japanese kanji get the same Mandarin readings (there is no on/kun
//     table here), which the explanation says.
//   - Kana: modified Hepburn (しゃ sha, っ doubling, ん n, long vowels
//     written once); katakana loanwords also drop the vowel Japanese adds
//     after a consonant (ソフトバンク → "softbank").
//   - Hangul: a family name at the start of a Korean name gets the spelling
//     people use (김 Kim, 이 Lee, 박 Park, 최 Choi, 리 Ri); the given name
//     is written one syllable per part in McCune–Reischauer without
//     breves, as the DPRK and most lists write it; Revised Romanization is a
//     variant.
//   - Thai: Royal Thai General System, consonants by position, leading
//     vowels reordered, tone marks dropped; a ร after a final consonant at
//     the end of a word is read "ra", as many Thai spell their own names
//     (ชินวัตร Shinawatra), and silent, as RTGS has it, in an alternative
//     (ประวิตร Prawit).
//   - Devanagari and Khmer: consonants with their inherent vowel, dropped
//     before a virama (coeng) and at the end of a word (kept after a Hindi
//     cluster: नरेंद्र Narendra); Khmer vowels by consonant series.
//   - Hebrew: consonants, with vav and yod read as vowels between
//     consonants.
//   - Greek: ELOT 743, as Greek passports (ου ou, μπ b and ντ d at the
//     start of a word); the English forms of common given names (Γεώργιος
//     → George), -os ↔ -us and ξ ↔ ks are variants.
//
// Legal forms and generic organisation words written in these scripts
// (有限公司, 株式会社, 주식회사, شركة, تنظيم, شبكة, บริษัท … จำกัด) are not
// romanised but translated to the Latin form lists use ("co ltd",
// "company", "organization", "network", "limited"),
// so that match weighs them as legal forms and common words. Legal forms
// are written only as forms match's legal-form table knows in Latin (co
// ltd, limited, llc): the table's own entries in these scripts are
// normalised through this package, and an ordinary English word ("corporation")
// written for one would become a legal form everywhere.
// Names that are translations rather than transliterations (a Chinese
// company's English name) are out of reach of any rule here: they match
// only through the aliases lists and registers carry.
//
// Why hand-written: no pure-Go, well-kept transliteration library covers
// these scripts (ICU needs cgo); the tables are small and each rule is
// documented and tested. The Han readings are data, generated from a
// published table (gen_han.go), not written by hand.
package translit
