package safety

import "testing"

func TestUnwrap(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"https://eur01.safelinks.protection.outlook.com/?url=http%3A%2F%2Fwww.hacktonorientation.fr%2F&data=04%7C01%7Canne.zillhardt%40centrevaldeloire.fr%7C2c06&sdata=r6v7&reserved=0", "http://www.hacktonorientation.fr/", true},
		{"https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.weezevent.com%2Fhack-ton-orientation&data=x", "https://www.weezevent.com/hack-ton-orientation", true},
		{"https://www.google.com/url?q=https://example.org/a%3Fb%3D1&sa=D&ust=1", "https://example.org/a?b=1", true},
		{"https://www.google.fr/url?url=https://example.org/&sa=t", "https://example.org/", true},
		{"https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Feur02.safelinks.protection.outlook.com%2F%3Furl%3Dhttps%253A%252F%252Fexample.org%252F", "https://example.org/", true},
		{"https://www.weezevent.com/hack-ton-orientation", "https://www.weezevent.com/hack-ton-orientation", false},
		{"https://www.google.com/search?q=spro", "https://www.google.com/search?q=spro", false},
		{"not a url", "not a url", false},
	}
	for _, tt := range tests {
		got, ok := Unwrap(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Unwrap(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestURLProblem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://us02web.zoom.us/j/87144866509?pwd=d1F5UTJWenhSdDh4eElCbTJ5cUMxdz09", "the meeting link carries its passcode (pwd=…): publish the link without it and send the passcode to participants privately"},
		{"https://us02web.zoom.us/j/87144866509", ""},
		{"https://meet.example.org/room?passcode=1234", "the meeting link carries its passcode (passcode=…): publish the link without it and send the passcode to participants privately"},
		{"https://tracker.example.org/c?u=anne.zillhardt%40centrevaldeloire.fr", "the address contains an e-mail address (anne.zillhardt%40centrevaldeloire.fr): remove it from the link"},
		{"https://forms.example.org/x?email=a@b.fr", "the address contains an e-mail address (a@b.fr): remove it from the link"},
		{"mailto:contact@example.org", ""},
		{"https://example.org/?tk=abc", ""},
	}
	for _, tt := range tests {
		if got := URLProblem(tt.in); got != tt.want {
			t.Errorf("URLProblem(%q):\n have %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func TestSchemeProblem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"javascript:alert(1)", `the link scheme "javascript" is not allowed: use https://, mailto: or tel:`},
		{"JavaScript:alert(1)", `the link scheme "javascript" is not allowed: use https://, mailto: or tel:`},
		{"data:text/html;base64,xx", `the link scheme "data" is not allowed: use https://, mailto: or tel:`},
		{"vbscript:x", `the link scheme "vbscript" is not allowed: use https://, mailto: or tel:`},
		{"file:///C:/Users/x.docx", `the link scheme "file" is not allowed: use https://, mailto: or tel:`},
		{"https://example.org", ""},
		{"mailto:a@b.fr", ""},
		{"tel:+33254000000", ""},
		{"../events/x.md", ""},
		{"/docs/a:b.pdf", ""},
		{"#note", ""},
		{"page?x=a:b", ""},
	}
	for _, tt := range tests {
		if got := SchemeProblem(tt.in); got != tt.want {
			t.Errorf("SchemeProblem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScanText(t *testing.T) {
	seed := "Participer à la réunion Zoom\nhttps://us02web.zoom.us/j/87144866509\n\nID de réunion : 871 4486 6509\nCode secret : 156626\n"
	got := ScanText(seed)
	if len(got) != 1 || got[0].Line != 5 || got[0].Msg != `"Code secret : 156626" next to a meeting link: the public site must not publish a meeting's passcode; send it to participants privately` {
		t.Errorf("ScanText(seed) = %+v", got)
	}
	for _, text := range []string{
		"Mot de passe : azerty\nhttps://teams.microsoft.com/l/meetup-join/x",
		"Passcode: 998877 https://meet.google.com/abc-defg-hij",
	} {
		if len(ScanText(text)) != 1 {
			t.Errorf("not found in %q", text)
		}
	}
	for _, text := range []string{
		"Code secret : 156626 (sans lien de réunion)",
		"https://zoom.us/j/1\nLes informations de connexion sont envoyées par courriel.",
		"https://zoom.us/j/1\nLe mot de passe vous sera envoyé.",
	} {
		if got := ScanText(text); len(got) != 0 {
			t.Errorf("false positive in %q: %+v", text, got)
		}
	}
}

func FuzzUnwrap(f *testing.F) {
	f.Add("https://eur01.safelinks.protection.outlook.com/?url=http%3A%2F%2Fx.fr%2F")
	f.Add("https://www.google.com/url?q=https://x")
	f.Fuzz(func(t *testing.T, s string) {
		Unwrap(s)
		URLProblem(s)
		SchemeProblem(s)
		ScanText(s)
	})
}

// FuzzMeetingHost checks that the quick test never hides a meeting link
// from the regular expression.
func FuzzMeetingHost(f *testing.F) {
	for _, s := range []string{"https://us02web.zoom.us/j/123", "voir HTTPS://Meet.Google.com/abc", "http://x.org/zoom.us", "(https://teams.microsoft.com/l)", "zoom.us"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if meetingLink.MatchString(s) && !hasMeetingHost(s) {
			t.Fatalf("hasMeetingHost(%q) = false, but meetingLink matches %q", s, meetingLink.FindString(s))
		}
	})
}
