package translit

// passThrough leaves words to package match's letter tables.
func passThrough(words []string) []Part {
	out := make([]Part, len(words))
	for i, w := range words {
		out[i] = Part{Source: w, Latin: w}
	}
	return out
}

func hanParts(words []string, ctx context) []Part { return passThrough(words) }
func kanaParts(words []string) []Part             { return passThrough(words) }
func hangulParts(words []string) []Part           { return passThrough(words) }
func thaiParts(words []string) []Part             { return passThrough(words) }
func hebrewParts(words []string) []Part           { return passThrough(words) }
func greekParts(words []string) []Part            { return passThrough(words) }

type indicTable struct{}

var devanagariTable, khmerTable *indicTable

func indicParts(words []string, t *indicTable) []Part { return passThrough(words) }
