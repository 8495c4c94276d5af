package translit

import (
	_ "embed"
	"strings"
	"sync"
)

// Han characters (Chinese; Japanese kanji).
//
// Each character is read in Hanyu Pinyin without tones, from the first
// (most common) reading in han_pinyin.txt. Chinese writes no spaces
// between words, so a word is cut as follows:
//
//   - legal forms and common organisation words at its end (有限公司,
//     集团, 银行 …) are cut off and written as the English words lists use
//     ("co ltd", "group", "bank");
//   - what is left, if it is two to four characters and starts with a
//     family name (one of the common ones, or a two-character one such as
//     欧阳), is a person's name: family name, then the given name as one
//     word ("陈全国" → "chen quanguo"), family names read as surnames (曾
//     zeng, 单 shan, 区 ou);
//   - otherwise each character is a part of its own ("hua wei"), which
//     package match joins to a Latin word written as one ("Huawei").
//
// Kanji in a Japanese name (one with kana) get the same Mandarin readings:
// there is no Japanese reading table here, so "東京" is "dong jing", not
// "tokyo". The explanation says so; Japanese names match through kana or
// aliases.

//go:embed han_pinyin.txt
var hanPinyinText string

const hanFirst, hanLast = 0x3400, 0x9FFF

type hanTable struct {
	syl   []string // syllables
	index []uint16 // rune-hanFirst → 1 + syllable index (0: no reading)
}

var loadHan = sync.OnceValue(func() *hanTable {
	t := &hanTable{index: make([]uint16, hanLast-hanFirst+1)}
	for _, line := range strings.Split(hanPinyinText, "\n") {
		syl, chars, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		t.syl = append(t.syl, strings.ReplaceAll(syl, "v", "u"))
		for _, r := range chars {
			if r >= hanFirst && r <= hanLast {
				t.index[r-hanFirst] = uint16(len(t.syl))
			}
		}
	}
	return t
})

// hanReading returns the toneless pinyin of r ("" if unknown).
func hanReading(r rune) string {
	if r < hanFirst || r > hanLast {
		return ""
	}
	t := loadHan()
	if i := t.index[r-hanFirst]; i > 0 {
		return t.syl[i-1]
	}
	return ""
}

// hanSurnameReading are family names whose reading as a name differs
// from the character's first reading.
var hanSurnameReading = map[rune]string{
	'曾': "zeng", '单': "shan", '單': "shan", '仇': "qiu", '解': "xie", '区': "ou", '區': "ou",
	'查': "zha", '朴': "piao", '盖': "ge", '蓋': "ge", '乐': "yue", '樂': "yue", '尉': "yu",
	'缪': "miao", '繆': "miao", '翟': "zhai", '秘': "bi", '种': "chong", '種': "chong",
	'覃': "qin", '重': "chong", '长': "chang", '長': "chang", '藏': "zang", '召': "shao",
	'柏': "bai", '员': "yun", '員': "yun", '黑': "he", '宿': "su", '阚': "kan", '闞': "kan",
	'卜': "bu", '贲': "ben", '賁': "ben", '句': "gou", '洗': "xian", '冼': "xian", '莘': "shen",
}

// hanCompoundSurnames are family names of two characters.
var hanCompoundSurnames = map[string]string{
	"欧阳": "ouyang", "歐陽": "ouyang", "司马": "sima", "司馬": "sima", "上官": "shangguan",
	"诸葛": "zhuge", "諸葛": "zhuge", "东方": "dongfang", "東方": "dongfang", "皇甫": "huangfu",
	"尉迟": "yuchi", "尉遲": "yuchi", "公孙": "gongsun", "公孫": "gongsun", "慕容": "murong",
	"令狐": "linghu", "夏侯": "xiahou", "司徒": "situ", "端木": "duanmu", "长孙": "zhangsun",
	"長孫": "zhangsun", "宇文": "yuwen", "轩辕": "xuanyuan", "軒轅": "xuanyuan",
}

// hanSurnames are the common one-character family names (simplified and
// traditional forms).
const hanSurnames = "习習王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范範金石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯常温溫康施文牛樊葛邢安齐齊易乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢单單季裴霍涂成苗谷盛曲翁冉骆駱蓝藍路游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒解牟艾尤阳陽时時穆农農司卓古吉缪繆简簡车車项項连連芦蘆麦麥褚娄婁窦竇戚岑景党黨宫宮费費卜冷晏席卫衛米柏宗瞿桂全佟应應臧闵閔苟邬鄔边邊卞姬师師和仇栾欒隋商刁沙荣榮巫寇桑郎甄丛叢仲虞敖巩鞏明佘池查麻苑迟遲邝鄺区區朴"

// hanGeneric are legal forms and common organisation words, longest
// first, with the English words lists use for them.
var hanGeneric = []struct{ src, latin, rule string }{
	{"股份有限公司", "co ltd", "股份有限公司 (company limited by shares) written as the English Co., Ltd."},
	{"有限责任公司", "co ltd", "有限责任公司 (limited liability company) written as the English Co., Ltd."},
	{"有限責任公司", "co ltd", "有限責任公司 (limited liability company) written as the English Co., Ltd."},
	{"有限公司", "co ltd", "有限公司 (limited company) written as the English Co., Ltd."},
	{"株式会社", "co ltd", "株式会社 (kabushiki kaisha, joint-stock company) written as the English Co., Ltd."},
	{"株式會社", "co ltd", "株式會社 (kabushiki kaisha, joint-stock company) written as the English Co., Ltd."},
	{"有限会社", "co ltd", "有限会社 (yūgen kaisha) written as the English Co., Ltd."},
	{"合同会社", "llc", "合同会社 (gōdō kaisha) written as the English LLC"},
	{"公開", "public", "公開 (public, of a public joint-stock company) translated"},
	{"集团", "group", "集团 translated"}, {"集團", "group", "集團 translated"},
	{"控股", "holdings", "控股 translated"}, {"银行", "bank", "银行 translated"}, {"銀行", "bank", "銀行 translated"},
	{"公司", "company", "公司 translated"}, {"会社", "company", "会社 translated"}, {"會社", "company", "會社 translated"},
	{"科技", "technology", "科技 translated"}, {"技术", "technology", "技术 translated"}, {"技術", "technology", "技術 translated"},
	{"国际", "international", "国际 translated"}, {"國際", "international", "國際 translated"},
	{"贸易", "trading", "贸易 translated"}, {"貿易", "trading", "貿易 translated"},
	{"投资", "investment", "投资 translated"}, {"投資", "investment", "投資 translated"},
	{"实业", "industrial", "实业 translated"}, {"實業", "industrial", "實業 translated"},
}

const hanRule = "Hanyu Pinyin, tones dropped (Unihan-derived readings)"

// hanParts romanises a run of Han words.
func hanParts(words []string, ctx context) []Part {
	var out []Part
	for _, w := range words {
		out = append(out, hanWord(w, ctx)...)
	}
	return out
}

func hanWord(w string, ctx context) []Part {
	// Generic words at the end, repeatedly (集团有限公司 → group co ltd).
	var tail []Part
	for {
		cut := false
		for _, g := range hanGeneric {
			if strings.HasSuffix(w, g.src) && len(w) > 0 {
				tail = append([]Part{{Source: g.src, Script: "Han", Latin: g.latin, Rule: "legal form or common word: " + g.rule}}, tail...)
				w = strings.TrimSuffix(w, g.src)
				cut = true
				break
			}
		}
		if !cut || w == "" {
			break
		}
	}
	// Japanese writes 株式会社 before the name as often as after it.
	var head []Part
	for {
		cut := false
		for _, g := range hanGeneric {
			if strings.HasPrefix(w, g.src) && len(w) > len(g.src) {
				head = append(head, Part{Source: g.src, Script: "Han", Latin: g.latin, Rule: "legal form or common word: " + g.rule})
				w = strings.TrimPrefix(w, g.src)
				cut = true
				break
			}
		}
		if !cut {
			break
		}
	}
	rs := []rune(w)
	out := head
	switch {
	case len(rs) == 0:
	case ctx.japanese:
		p := hanSyllables(w)
		p.Rule += "; Japanese kanji read in Mandarin: no Japanese reading table (match Japanese names through kana or aliases)"
		out = append(out, p)
	case len(tail)+len(head) == 0 && len(rs) >= 2 && len(rs) <= 4 && isHanSurname(rs):
		out = append(out, hanPersonName(rs)...)
	default:
		for _, r := range rs {
			p := hanSyllables(string(r))
			out = append(out, p)
		}
	}
	return append(out, tail...)
}

func isHanSurname(rs []rune) bool {
	if len(rs) >= 3 {
		if _, ok := hanCompoundSurnames[string(rs[:2])]; ok {
			return true
		}
	}
	return strings.ContainsRune(hanSurnames, rs[0])
}

// hanPersonName writes a Chinese name: family name, then the given name as
// one word.
func hanPersonName(rs []rune) []Part {
	n := 1
	fam := ""
	if len(rs) >= 3 {
		if s, ok := hanCompoundSurnames[string(rs[:2])]; ok {
			n, fam = 2, s
		}
	}
	rule := "family name"
	if fam == "" {
		if s, ok := hanSurnameReading[rs[0]]; ok {
			fam = s
			rule = "family name, read as a surname"
		} else {
			fam = hanReading(rs[0])
		}
	}
	given := hanSyllables(string(rs[n:]))
	famPart := Part{Source: string(rs[:n]), Script: "Han", Latin: fam, Rule: rule + "; " + hanRule}
	famPart.Variants = wadeGilesVariants(fam)
	given.Rule = "given name written as one word; " + given.Rule
	return []Part{famPart, given}
}

// hanSyllables reads every character of s and joins the syllables.
func hanSyllables(s string) Part {
	var b strings.Builder
	var wg strings.Builder
	unknown := false
	for _, r := range s {
		syl := hanReading(r)
		if syl == "" {
			unknown = true
			continue
		}
		b.WriteString(syl)
		wg.WriteString(wadeGiles(syl))
	}
	p := Part{Source: s, Script: "Han", Latin: b.String(), Rule: hanRule}
	if unknown {
		p.Rule += "; characters without a reading left out"
	}
	if w := wg.String(); w != "" && w != p.Latin {
		p.Variants = []Variant{{Latin: w, Rule: "Wade–Giles (apostrophes and umlauts dropped), as in Taiwan and older spellings"}}
	}
	return p
}

func wadeGilesVariants(syl string) []Variant {
	if w := wadeGiles(syl); w != syl {
		return []Variant{{Latin: w, Rule: "Wade–Giles (apostrophes and umlauts dropped), as in Taiwan and older spellings"}}
	}
	return nil
}

// wadeGiles converts one toneless pinyin syllable to Wade–Giles without
// apostrophes (aspiration) or umlauts: initials b p d t g k → p p t t k k,
// zh ch → ch, j q → ch, x → hs, z c → ts, r → j; finals -ong → -ung,
// -ian → -ien, -ie → -ieh, -ue → -ueh, -uo → -o after consonants other
// than k h sh, -e → -o after k h, kui → kuei; yi → i, you → yu, yan →
// yen, ye → yeh.
func wadeGiles(syl string) string {
	switch syl {
	case "yi":
		return "i"
	case "you":
		return "yu"
	case "er":
		return "erh"
	case "zi":
		return "tzu"
	case "ci":
		return "tzu"
	case "si":
		return "ssu"
	case "zhi":
		return "chih"
	case "chi":
		return "chih"
	case "shi":
		return "shih"
	case "ri":
		return "jih"
	}
	initials := []struct{ p, w string }{
		{"zh", "ch"}, {"ch", "ch"}, {"sh", "sh"}, {"b", "p"}, {"p", "p"}, {"d", "t"}, {"t", "t"},
		{"g", "k"}, {"k", "k"}, {"j", "ch"}, {"q", "ch"}, {"x", "hs"}, {"z", "ts"}, {"c", "ts"},
		{"r", "j"},
	}
	head, rest := "", syl
	for _, in := range initials {
		if strings.HasPrefix(syl, in.p) {
			head, rest = in.w, syl[len(in.p):]
			break
		}
	}
	if head == "" && len(rest) > 0 && strings.IndexByte("mfnlhsyw", rest[0]) >= 0 {
		head, rest = rest[:1], rest[1:]
	}
	switch {
	case strings.HasSuffix(rest, "ong"):
		rest = strings.TrimSuffix(rest, "ong") + "ung"
	case strings.HasSuffix(rest, "ian"):
		rest = strings.TrimSuffix(rest, "ian") + "ien"
	case rest == "ie", rest == "ue":
		rest += "h" // chieh, hsieh, chueh
	case head == "y" && rest == "an":
		rest = "en" // yen
	case head == "y" && rest == "e":
		rest = "eh" // yeh
	case rest == "uo" && head != "" && head != "k" && head != "h" && head != "sh":
		rest = "o" // to, lo, tso, cho; kuo, huo, shuo stay
	case rest == "e" && (head == "k" || head == "h"):
		rest = "o" // ko, ho; tse, te, che, she stay
	case rest == "ui" && head == "k":
		rest = "uei" // kuei
	}
	return head + rest
}
