package batch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// collect reads inputs and returns the items it saw.
func collect(t *testing.T, stdin string, inputs ...string) []Item {
	t.Helper()
	var items []Item
	err := Read(context.Background(), inputs, strings.NewReader(stdin), func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return items
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const lines = `{"id":"a1","title":"Leaders meet","url":"https://example.org/a1","published":"2024-05-01","source":"Example","text":"The two leaders met in Geneva."}
{"id":"a2","title":"Broken", "text":
{"title":"No id","url":"https://example.org/a3","text":"Ministers held talks."}

{"title":"No text"}
`

func TestRead_Formats(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name  string
		file  string
		data  []byte
		want  []string // article ids, or "!" + the error's wrapped sentinel text
		title string   // title of the first article
	}{
		{"text with title", "2024-01-02-summit.txt", []byte("Summit opens\n\nThe summit opened on Monday.\n"), []string{"2024-01-02-summit"}, "Summit opens"},
		{"text starting with a sentence", "story.md", []byte("The pair met briefly.\nThey talked.\n"), []string{"story"}, ""},
		{"jsonl", "b.jsonl", []byte(lines), []string{"a1", "!malformed", "*", "!malformed"}, "Leaders meet"},
		{"jsonl gzip", "b.jsonl.gz", gz(t, lines), []string{"a1", "!malformed", "*", "!malformed"}, "Leaders meet"},
		{"empty text", "empty.txt", []byte(" \n\n"), []string{"!empty"}, ""},
		{"empty jsonl", "empty.jsonl", nil, []string{"!empty"}, ""},
		{"binary", "photo.txt", []byte{0x89, 'P', 'N', 'G', 0, 0, 1}, []string{"!not text"}, ""},
		{"huge", "huge.txt", bytes.Repeat([]byte("word "), MaxArticle/5+1), []string{"!larger than 8 MiB"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, dir, tt.file, tt.data)
			items := collect(t, "", p)
			if len(items) != len(tt.want) {
				t.Fatalf("got %d items %+v, want %d", len(items), items, len(tt.want))
			}
			for i, it := range items {
				want := tt.want[i]
				if !strings.HasPrefix(it.Name, p) {
					t.Errorf("item %d: name %q does not name the input %q", i, it.Name, p)
				}
				switch {
				case strings.HasPrefix(want, "!"):
					if it.Err == nil || !strings.Contains(it.Err.Error(), want[1:]) {
						t.Errorf("item %d: err = %v, want %q", i, it.Err, want[1:])
					}
				case it.Err != nil:
					t.Errorf("item %d: unexpected error %v", i, it.Err)
				case want == "*":
					if len(it.Article.ID) != 36 {
						t.Errorf("item %d: id %q is not a derived UUID", i, it.Article.ID)
					}
				case it.Article.ID != want:
					t.Errorf("item %d: id = %q, want %q", i, it.Article.ID, want)
				}
			}
			if first := items[0]; first.Err == nil && first.Article.Title != tt.title {
				t.Errorf("title = %q, want %q", first.Article.Title, tt.title)
			}
		})
	}
}

func TestRead_TextArticle(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "wire-2023-03-02-talks.txt", []byte("Talks in Delhi\nThe ministers met.\r\nThey spoke.\n"))
	items := collect(t, "", p)
	a := items[0].Article
	if a.Published != "2023-03-02" {
		t.Errorf("published = %q, want the date of the file name", a.Published)
	}
	if a.Text != "The ministers met.\nThey spoke.\n" {
		t.Errorf("text = %q", a.Text)
	}
	if a.Hash == "" {
		t.Error("no content hash")
	}
}

func TestRead_Directory(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b/2.txt", []byte("Second story.\n"))
	write(t, dir, "a.txt", []byte("First story.\n"))
	write(t, dir, "notes.pdf", []byte("%PDF"))
	items := collect(t, "", dir)
	var ids []string
	for _, it := range items {
		if it.Err != nil {
			t.Fatalf("%s: %v", it.Name, it.Err)
		}
		ids = append(ids, it.Article.ID)
	}
	if strings.Join(ids, ",") != "a,2" {
		t.Errorf("ids = %v, want a then 2 (name order, recursive, .pdf ignored)", ids)
	}
	if size := Size([]string{dir}); size != int64(len("Second story.\n")+len("First story.\n")) {
		t.Errorf("Size = %d, want the two article files' bytes", size)
	}
	if last := items[len(items)-1]; last.Consumed != Size([]string{dir}) {
		t.Errorf("Consumed after the last file = %d, want all of Size", last.Consumed)
	}

	empty := filepath.Join(dir, "none")
	write(t, empty, "x.pdf", nil)
	items = collect(t, "", empty)
	if len(items) != 1 || !errors.Is(items[0].Err, ErrNoArticle) {
		t.Errorf("directory without articles: got %+v", items)
	}
}

func TestRead_MissingFile(t *testing.T) {
	items := collect(t, "", filepath.Join(t.TempDir(), "absent.txt"))
	if len(items) != 1 || !errors.Is(items[0].Err, os.ErrNotExist) {
		t.Errorf("got %+v, want one not-exist error", items)
	}
}

func TestRead_Stdin(t *testing.T) {
	items := collect(t, lines, "-")
	if len(items) != 4 || items[0].Article.ID != "a1" || items[0].Name != "-:1" {
		t.Errorf("JSON Lines on stdin: got %+v", items)
	}
	items = collect(t, "Plain words on stdin.", "-")
	if len(items) != 1 || items[0].Err != nil || items[0].Article.Text != "Plain words on stdin." {
		t.Errorf("text on stdin: got %+v", items)
	}
}

func TestRead_StableIDs(t *testing.T) {
	in := `{"url":"https://example.org/x","text":"A."}` + "\n" + `{"text":"B."}` + "\n"
	first, second := collect(t, in, "-"), collect(t, in, "-")
	for i := range first {
		if first[i].Article.ID != second[i].Article.ID {
			t.Errorf("item %d: id changed between runs: %q, %q", i, first[i].Article.ID, second[i].Article.ID)
		}
	}
	if first[0].Article.ID == first[1].Article.ID {
		t.Error("different articles got the same id")
	}
}
