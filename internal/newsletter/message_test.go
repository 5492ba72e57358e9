package newsletter

import (
	"mime"
	"strings"
	"testing"
)

func TestEncodeSubject(t *testing.T) {
	for _, s := range []string{
		"SPRO 41 – relevé de décisions du jeudi 23 septembre 2021",
		"Réseau Orientation Touraine – relevé de décisions du vendredi 31 décembre 2021",
		"Court",
		"Un_sujet = avec ? des signes ; et des « guillemets » " + strings.Repeat("très ", 20),
	} {
		enc := encodeSubject(s)
		for i, line := range strings.Split("Subject: "+enc, "\r\n") {
			if len(line) > 76 {
				t.Errorf("%q: line %d has %d characters: %q", s, i+1, len(line), line)
			}
		}
		dec, err := new(mime.WordDecoder).DecodeHeader(strings.ReplaceAll(enc, "\r\n", ""))
		if err != nil || dec != s {
			t.Errorf("%q encodes as %q, which decodes as %q, %v", s, enc, dec, err)
		}
	}
}
