// Package batch reads batches of articles: plain-text files (.txt, .md),
// JSON Lines files with one article a line (.jsonl, .json), either of them
// gzip-compressed, directories of such files (recursively) and standard
// input. It streams: one article at a time, whatever the size of the batch.
//
// Problems with one input (an unreadable, empty, binary or oversized file, a
// malformed line) are reported as an Item with Err set, naming the input, and
// reading goes on with the rest of the batch.
package batch

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	kg "github.com/newsgraph/kg"
	"github.com/newsgraph/kg/schema"
)

// MaxArticle is the largest article text, in bytes, that a batch accepts; a
// larger one is reported and skipped.
const MaxArticle = 8 << 20

// Item is one article read from a batch, or the reason one could not be.
type Item struct {
	Name    string // the input: a path, "path:line" in JSON Lines, "-" for stdin
	Article kg.Article
	Err     error
	// Consumed is how many bytes of the input files (as stored: compressed
	// files count compressed) had been read when the item was: with Size,
	// it tells how far through the batch the reader is.
	Consumed int64
}

// Errors that Item.Err wraps, for callers that count reasons.
var (
	ErrEmpty     = errors.New("empty")
	ErrBinary    = errors.New("not text")
	ErrTooLarge  = fmt.Errorf("larger than %d MiB", MaxArticle>>20)
	ErrMalformed = errors.New("malformed")
	ErrNoArticle = errors.New("no articles")
)

// Read walks the inputs in order and calls fn for every article and every
// problem. A directory is read recursively in name order, taking the files
// whose names end in .txt, .md, .jsonl, .json or those with .gz. The input
// "-" is standard input, JSON Lines if it starts with "{", else one plain-text
// article. Read stops early only when ctx is done or fn returns an error.
func Read(ctx context.Context, inputs []string, stdin io.Reader, fn func(Item) error) error {
	var consumed int64
	emit := func(it Item) error {
		it.Consumed = consumed
		return fn(it)
	}
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		if in == "-" {
			err = readStream(ctx, "-", "", "", stdin, emit)
		} else {
			err = readPath(ctx, in, &consumed, emit)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func readPath(ctx context.Context, path string, consumed *int64, fn func(Item) error) error {
	files, err := articleFiles(path, fn)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := readFile(ctx, f, consumed, fn); err != nil {
			return err
		}
	}
	return nil
}

// articleFiles returns the files that path names: itself, or the article
// files below it in name order. Problems go to fn.
func articleFiles(path string, fn func(Item) error) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fn(Item{Name: path, Err: unwrapPath(err)})
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	var files []string
	walkErr := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fn(Item{Name: p, Err: unwrapPath(err)})
		}
		if !d.IsDir() && isArticleFile(p) {
			files = append(files, p)
		}
		return nil
	})
	if walkErr != nil {
		return nil, walkErr
	}
	if len(files) == 0 {
		return nil, fn(Item{Name: path, Err: fmt.Errorf("%w: no .txt, .md, .jsonl or .json files", ErrNoArticle)})
	}
	sort.Strings(files)
	return files, nil
}

// Size returns the total size in bytes of the files that the inputs name,
// as Read would read them; standard input and unreadable inputs count 0.
func Size(inputs []string) int64 {
	var total int64
	ignore := func(Item) error { return nil }
	for _, in := range inputs {
		files, _ := articleFiles(in, ignore)
		for _, f := range files {
			if info, err := os.Stat(f); err == nil {
				total += info.Size()
			}
		}
	}
	return total
}

// counter counts the bytes read through it into n.
type counter struct {
	r io.Reader
	n *int64
}

func (c counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

func isArticleFile(p string) bool {
	p = strings.TrimSuffix(strings.ToLower(p), ".gz")
	switch filepath.Ext(p) {
	case ".txt", ".md", ".jsonl", ".json", ".ndjson":
		return true
	}
	return false
}

func readFile(ctx context.Context, path string, consumed *int64, fn func(Item) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fn(Item{Name: path, Err: unwrapPath(err)})
	}
	defer f.Close()
	base := strings.TrimSuffix(filepath.Base(path), ".gz")
	ext := strings.ToLower(filepath.Ext(base))
	format := "text"
	if ext == ".jsonl" || ext == ".json" || ext == ".ndjson" {
		format = "jsonl"
	}
	return readStream(ctx, path, strings.TrimSuffix(base, filepath.Ext(base)), format, counter{f, consumed}, fn)
}

// readStream reads one input. stem names a plain-text article (its file name
// without extension); format is "jsonl", "text", or "" to tell by the first
// character.
func readStream(ctx context.Context, name, stem, format string, r io.Reader, fn func(Item) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fn(Item{Name: name, Err: fmt.Errorf("%w gzip: %v", ErrMalformed, err)})
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	if format == "" {
		format = "text"
		if first, err := firstByte(br); err == nil && first == '{' {
			format = "jsonl"
		}
	}
	if format == "jsonl" {
		return readLines(ctx, name, br, fn)
	}
	return readText(name, stem, br, fn)
}

func firstByte(br *bufio.Reader) (byte, error) {
	for i := 1; ; i++ {
		b, err := br.Peek(i)
		if err != nil {
			return 0, err
		}
		if c := b[i-1]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c, nil
		}
	}
}

// line is an article of a JSON Lines batch, in the corpus format.
type line struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	URL       string  `json:"url"`
	Published string  `json:"published"`
	Source    string  `json:"source"`
	Text      *string `json:"text"`
}

func readLines(ctx context.Context, name string, br *bufio.Reader, fn func(Item) error) error {
	n, articles := 0, 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, tooLong, err := readLine(br, MaxArticle+64<<10)
		if err != nil && err != io.EOF {
			return fn(Item{Name: name, Err: fmt.Errorf("read: %w", err)})
		}
		n++
		if len(bytes.TrimSpace(b)) > 0 || tooLong {
			articles++
			item := parseLine(fmt.Sprintf("%s:%d", name, n), b, tooLong)
			if ferr := fn(item); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			break
		}
	}
	if articles == 0 {
		return fn(Item{Name: name, Err: ErrEmpty})
	}
	return nil
}

// readLine reads one line of at most limit bytes; a longer one is consumed
// and reported as too long.
func readLine(br *bufio.Reader, limit int) (b []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if len(b)+len(chunk) > limit {
			tooLong = true
			b = b[:0]
		} else {
			b = append(b, chunk...)
		}
		if err != bufio.ErrBufferFull {
			return b, tooLong, err
		}
	}
}

func parseLine(name string, b []byte, tooLong bool) Item {
	if tooLong {
		return Item{Name: name, Err: ErrTooLarge}
	}
	if !utf8.Valid(b) {
		return Item{Name: name, Err: fmt.Errorf("%w: invalid UTF-8", ErrBinary)}
	}
	var l line
	if err := json.Unmarshal(b, &l); err != nil {
		return Item{Name: name, Err: fmt.Errorf("%w JSON: %v", ErrMalformed, err)}
	}
	if l.Text == nil {
		return Item{Name: name, Err: fmt.Errorf("%w: no \"text\" field", ErrMalformed)}
	}
	a := kg.Article{ID: l.ID, Title: l.Title, URL: l.URL, Published: l.Published, Source: l.Source, Text: *l.Text}
	if err := check(a.Text); err != nil {
		return Item{Name: name, Err: err}
	}
	return Item{Name: name, Article: finish(a)}
}

func readText(name, stem string, br *bufio.Reader, fn func(Item) error) error {
	b, err := io.ReadAll(io.LimitReader(br, MaxArticle+1))
	if err != nil {
		return fn(Item{Name: name, Err: fmt.Errorf("read: %w", err)})
	}
	if len(b) > MaxArticle {
		return fn(Item{Name: name, Err: ErrTooLarge})
	}
	if bytes.IndexByte(b, 0) >= 0 || !utf8.Valid(b) {
		return fn(Item{Name: name, Err: ErrBinary})
	}
	text := strings.TrimPrefix(string(b), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if err := check(text); err != nil {
		return fn(Item{Name: name, Err: err})
	}
	a := kg.Article{ID: stem, Published: datePattern.FindString(stem)}
	a.Title, a.Text = splitTitle(text)
	return fn(Item{Name: name, Article: finish(a)})
}

func check(text string) error {
	if strings.TrimSpace(text) == "" {
		return ErrEmpty
	}
	if len(text) > MaxArticle {
		return ErrTooLarge
	}
	if strings.IndexByte(text, 0) >= 0 {
		return ErrBinary
	}
	return nil
}

// datePattern finds a publication date in a file name such as
// "greekreporter-2023-03-02-blinken-lavrov.txt".
var datePattern = regexp.MustCompile(`(19|20)\d\d-[01]\d-[0-3]\d`)

// splitTitle takes the first line as the title unless it reads as a sentence
// (ends with sentence punctuation) or is the only line. A Markdown heading
// marker is dropped from the title.
func splitTitle(text string) (title, body string) {
	text = strings.TrimLeft(text, "\n")
	first, rest, ok := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if !ok || strings.TrimSpace(rest) == "" || first == "" || strings.ContainsAny(first[len(first)-1:], ".!?:;\"”") {
		return "", text
	}
	return strings.TrimSpace(strings.TrimLeft(first, "#")), strings.TrimLeft(rest, "\n")
}

// finish gives an article its stable id (given, else from its URL, else from
// its content) and its content hash.
func finish(a kg.Article) kg.Article {
	a.Hash = kg.ContentHash(a.Title, a.Text)
	if a.ID == "" {
		if a.URL != "" {
			a.ID = uuid.NewSHA1(schema.Namespace, []byte(a.URL)).String()
		} else {
			a.ID = uuid.NewSHA1(schema.Namespace, []byte(a.Hash)).String()
		}
	}
	return a
}

// unwrapPath drops the path that os errors repeat, since Item.Name has it.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
