package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	kg "github.com/newsgraph/kg"
)

// corpusDir holds the real articles of the benchmark, next to the
// repository.
const corpusDir = "../../shared/corpus"

// corpus reads every article of the corpus files, or skips.
func corpus(b *testing.B) ([]kg.Article, int64) {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.jsonl.gz"))
	if len(files) == 0 {
		b.Skipf("no corpus at %s (the shared corpus sits next to the repository)", corpusDir)
	}
	var arts []kg.Article
	var size int64
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			var a kg.Article
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				b.Fatal(err)
			}
			size += int64(len(a.Title) + len(a.Text))
			arts = append(arts, a)
		}
		if err := sc.Err(); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	return arts, size
}

// BenchmarkExtract extracts the whole corpus (../shared/corpus, some 17,000
// real articles) per iteration, on one core and on all, and reports
// articles and megabytes of text per second.
func BenchmarkExtract(b *testing.B) {
	arts, size := corpus(b)
	x := defaultExtractor(b)
	report := func(b *testing.B, n int) {
		s := b.Elapsed().Seconds()
		b.ReportMetric(float64(n)/s, "articles/s")
		b.ReportMetric(float64(size)*float64(b.N)/s/1e6, "MB/s")
		b.ReportMetric(0, "ns/op")
	}
	b.Run("one-core", func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			for _, a := range arts {
				x.Extract(a)
				n++
			}
		}
		report(b, n)
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		var n, next atomic.Int64
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				// Each iteration extracts one article; together the
				// goroutines walk the corpus round and round.
				i := next.Add(1) - 1
				x.Extract(arts[i%int64(len(arts))])
				n.Add(1)
			}
		})
		s := b.Elapsed().Seconds()
		b.ReportMetric(float64(n.Load())/s, "articles/s")
		b.ReportMetric(float64(n.Load())*float64(size)/float64(len(arts))/s/1e6, "MB/s")
	})
}
