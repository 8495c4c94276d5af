package web

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// The SVG drawings are written by hand: a path is a row of boxes and
// arrows, a chart a set of bars, and a library would be more code than
// they are. They use presentation attributes only (no style attribute), so
// the Content-Security-Policy needs no 'unsafe-inline'; every text in them
// is escaped; each has a title, and the page gives the same facts as text
// or a table.

type pathNode struct {
	ID   int64
	Name string
}

// shownPath is an exposure path: from a party of the contract (with its
// roles) through each step to the organization the reason is about.
type shownPath struct {
	Roles []string
	Nodes []pathNode
	Kinds []string
	SVG   template.HTML
}

func esc(s string) string { return template.HTMLEscapeString(s) }

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// pathSVG draws the contract, then each organization of the path, left to
// right, with the kind of each step on its arrow.
func pathSVG(p shownPath) template.HTML {
	const boxW, boxH, gap, pad = 150, 44, 70, 4
	n := len(p.Nodes) + 1
	w := n*boxW + (n-1)*gap + 2*pad
	h := boxH + 2*pad + 4
	var b strings.Builder
	desc := "contract"
	for i, node := range p.Nodes {
		if i == 0 {
			desc += " → " + node.Name + " (" + strings.Join(p.Roles, ", ") + ")"
		} else {
			desc += " → " + words(p.Kinds[i-1]) + " → " + node.Name
		}
	}
	fmt.Fprintf(&b, `<svg class="path" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`, w, h, w, h, esc(desc))
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>`)
	labels := []string{"this contract"}
	for _, node := range p.Nodes {
		labels = append(labels, node.Name)
	}
	for i, label := range labels {
		x := pad + i*(boxW+gap)
		fill, stroke := "#ffffff", "#333333"
		if i == len(labels)-1 && i > 0 {
			fill, stroke = "#fde2e1", "#a4161a"
		}
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="%s" stroke="%s"/>`, x, pad, boxW, boxH, fill, stroke)
		lines := wrap(label, 20, 2)
		for j, ln := range lines {
			y := pad + boxH/2 + 5 + (j*2-(len(lines)-1))*8
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-size="12" fill="#111">%s</text>`, x+boxW/2, y, esc(ln))
		}
		if i > 0 {
			kind := strings.Join(p.Roles, ", ")
			if i > 1 {
				kind = words(p.Kinds[i-2])
			}
			x0 := x - gap
			fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333" stroke-width="1.5" marker-end="url(#arrow)"/>`, x0+2, pad+boxH/2, x-2, pad+boxH/2)
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-size="11" fill="#333">%s</text>`, x0+gap/2, pad+boxH/2-6, esc(clip(kind, 12)))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// wrap splits s into at most n lines of about width characters.
func wrap(s string, width, n int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		if cur != "" && len([]rune(cur))+1+len([]rune(w)) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur == "" {
			cur = w
		} else {
			cur += " " + w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = clip(lines[n-1]+" …", width)
	}
	for i := range lines {
		lines[i] = clip(lines[i], width+2)
	}
	return lines
}

// bar is one bar of a chart.
type bar struct {
	Label string
	Value float64
	Link  string
}

// barChart draws horizontal bars with their labels and values.
func barChart(title string, bars []bar) template.HTML {
	const labelW, barW, rowH, valueW = 250, 290, 26, 80
	w := labelW + barW + valueW
	h := len(bars)*rowH + 8
	top := 0.0
	for _, x := range bars {
		top = math.Max(top, x.Value)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s (the table beside has the numbers)" xmlns="http://www.w3.org/2000/svg">`, w, h, esc(title))
	for i, x := range bars {
		y := 4 + i*rowH
		length := 0.0
		if top > 0 && x.Value > 0 {
			length = math.Max(1, x.Value/top*barW)
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" font-size="12" fill="#111">%s</text>`, labelW-8, y+17, esc(clip(x.Label, 32)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="#1d4e89"/>`, labelW, y+4, length, rowH-8)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" font-size="12" fill="#111">%s</text>`, float64(labelW)+length+6, y+17, esc(compact(x.Value)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// outcomeColors are the colors of allow, review, deny and no decision, told
// apart by more than hue (the legend and the table name them).
var outcomeColors = [4]string{"#2b7a3d", "#b8860b", "#a4161a", "#777777"}

// stackedYears draws one column per year, stacked by decision outcome.
func stackedYears(title string, years []YearSum) template.HTML {
	const colW, gap, chartH, axis, legend = 34, 12, 180, 22, 22
	w := max(len(years)*(colW+gap)+gap, 4*110)
	h := chartH + axis + legend
	top := 0.0
	for _, y := range years {
		top = math.Max(top, y.Allow+y.Review+y.Deny+y.Pending)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s (the table beside has the numbers)" xmlns="http://www.w3.org/2000/svg">`, w, h, esc(title))
	for i, name := range []string{"allow", "review", "deny", "no decision"} {
		fmt.Fprintf(&b, `<rect x="%d" y="4" width="12" height="12" fill="%s"/><text x="%d" y="15" font-size="12" fill="#111">%s</text>`, 4+i*110, outcomeColors[i], 20+i*110, name)
	}
	for i, y := range years {
		x := gap + i*(colW+gap)
		base := float64(legend + chartH)
		for j, v := range []float64{y.Allow, y.Review, y.Deny, y.Pending} {
			if v <= 0 || top <= 0 {
				continue
			}
			hh := v / top * chartH
			base -= hh
			fmt.Fprintf(&b, `<rect x="%d" y="%.1f" width="%d" height="%.1f" fill="%s"/>`, x, base, colW, hh, outcomeColors[j])
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle" font-size="11" fill="#111">%d</text>`, x+colW/2, legend+chartH+16, y.Year)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
