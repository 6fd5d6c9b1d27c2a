package neo4j

import (
	"cmp"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/kg/graph/storetest"
)

// Beyond one machine: kg hands the URI to the driver, so every scheme of
// the driver works; these tests prove the two that a shared Neo4j needs,
// cluster routing and TLS, and a named database, against the test server.

// boltHost returns the host:port of a bolt:// URI.
func boltHost(t *testing.T, uri string) string {
	t.Helper()
	host, ok := strings.CutPrefix(uri, "bolt://")
	if !ok || strings.Contains(host, "/") {
		t.Skipf("this test needs a bolt://host:port URI, not %s", uri)
	}
	return host
}

// exercise loads, reads and forgets through s, which must hold nothing yet.
func exercise(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	if err := s.Init(ctx); err != nil {
		t.Fatalf("Init: %v", err)
	}
	recs := storetest.Batch(30)
	if res, err := s.Load(ctx, recs); err != nil || res.Loaded != 30 {
		t.Fatalf("Load: %+v, %v", res, err)
	}
	if res, err := s.Load(ctx, recs); err != nil || res.Skipped != 30 {
		t.Fatalf("Load again: %+v, %v", res, err)
	}
	if st, err := s.Stats(ctx); err != nil || st.Nodes["Article"] != 30 {
		t.Fatalf("Stats: %+v, %v", st, err)
	}
	if ns, err := s.Lookup(ctx, "official 07"); err != nil || len(ns) != 1 || ns[0].ID != "person:official-07" {
		t.Fatalf("Lookup: %+v, %v", ns, err)
	}
	if n, err := s.Forget(ctx, []string{recs[0].Article.ID}); err != nil || n != 1 {
		t.Fatalf("Forget: %d, %v", n, err)
	}
}

// neo4j:// makes the driver ask the server for its routing table and send
// writes to a writer and reads to readers; a single server is all of them.
func TestStore_RoutingURI(t *testing.T) {
	cfg := testConfig(t)
	cfg.URI = "neo4j://" + boltHost(t, cfg.URI)
	exercise(t, openEmpty(t, cfg))
}

// bolt+ssc:// encrypts the connection (accepting a self-signed
// certificate), here to a proxy that ends TLS in front of the test server,
// which speaks plain Bolt. neo4j+s:// is the same TLS with routing, which
// a proxy cannot show: the routing table names the server itself.
func TestStore_TLSURI(t *testing.T) {
	cfg := testConfig(t)
	host := boltHost(t, cfg.URI)
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{selfSigned(t)}})
	if err != nil {
		t.Fatal(err)
	}
	p := serveProxy(t, ln, host)
	cfg.URI = "bolt+ssc://" + p.ln.Addr().String()
	exercise(t, openEmpty(t, cfg))
	// A client that insists on a trusted certificate refuses this one.
	cfg.URI = "bolt+s://" + p.ln.Addr().String()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if s, err := Open(ctx, cfg); err == nil {
		s.Close()
		t.Error("bolt+s:// accepted a self-signed certificate")
	}
}

// NEO4J_DATABASE (Config.Database) chooses the database that everything
// goes to; unset, it is the server's default, named here explicitly.
func TestStore_NamedDatabase(t *testing.T) {
	cfg := testConfig(t)
	cfg.Database = cmp.Or(cfg.Database, "neo4j")
	s := openEmpty(t, cfg)
	exercise(t, s)
	_, rows, err := s.Query(context.Background(), "CALL db.info() YIELD name RETURN name", nil)
	if err != nil || len(rows) != 1 || rows[0][0] != cfg.Database {
		t.Errorf("db.info() = %v, %v; want database %s", rows, err, cfg.Database)
	}
}

func selfSigned(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "kg test"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}
