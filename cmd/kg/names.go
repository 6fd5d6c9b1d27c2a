package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/newsgraph/kg/graph"
)

// reader returns the store's query interface.
func reader(s graph.Store) (graph.Reader, error) {
	r, ok := s.(graph.Reader)
	if !ok {
		return nil, fmt.Errorf("this store does not answer queries")
	}
	return r, nil
}

// resolve finds the one entity that name (a name, an alias or an id such as
// "country:RUS") stands for; none or several are an error that lists them.
func resolve(ctx context.Context, r graph.Reader, name string) (graph.Node, error) {
	if strings.Contains(name, ":") {
		if nodes, err := r.Nodes(ctx, []string{name}); err != nil || len(nodes) == 1 {
			return first(nodes), err
		}
	}
	nodes, err := r.Lookup(ctx, name)
	if err != nil {
		return graph.Node{}, err
	}
	switch len(nodes) {
	case 0:
		return graph.Node{}, fmt.Errorf("no entity is called %q", name)
	case 1:
		return nodes[0], nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%q is ambiguous; name one of these by its id:", name)
	for _, n := range nodes {
		fmt.Fprintf(&b, "\n  %s\t%s (%s)", n.ID, n.Name, n.Label)
	}
	return graph.Node{}, fmt.Errorf("%s", b.String())
}

// resolveArgs resolves each argument of the command to its entity.
func resolveArgs(ctx context.Context, r graph.Reader, c *cli.Context) ([]graph.Node, error) {
	nodes := make([]graph.Node, c.NArg())
	for i, name := range c.Args().Slice() {
		n, err := resolve(ctx, r, name)
		if err != nil {
			return nil, err
		}
		nodes[i] = n
	}
	return nodes, nil
}

// typeFlag restricts a question to some relation types; relationTypes reads it.
func typeFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "type", Aliases: []string{"t"}, Usage: "only relations of `TYPE` (repeatable, or comma-separated)"}
}

func first(nodes []graph.Node) graph.Node {
	if len(nodes) == 0 {
		return graph.Node{}
	}
	return nodes[0]
}

// namer turns entity ids into names, asking the store once per id.
type namer struct {
	ctx   context.Context
	r     graph.Reader
	names map[string]string
}

func newNamer(ctx context.Context, r graph.Reader) *namer {
	return &namer{ctx: ctx, r: r, names: map[string]string{}}
}

// name returns the entity's name, or its id if the store does not know it.
func (n *namer) name(id string) string {
	if s, ok := n.names[id]; ok {
		return s
	}
	n.names[id] = id
	if nodes, err := n.r.Nodes(n.ctx, []string{id}); err == nil && len(nodes) == 1 {
		n.names[id] = nodes[0].Name
	}
	return n.names[id]
}

// edgeRow is the row of an edge in relations, timeline and path output.
func (n *namer) edgeRow(e graph.Edge) []any {
	sentence := ""
	if len(e.Evidence) > 0 {
		sentence = e.Evidence[0].Sentence
	}
	return []any{e.Date, n.name(e.Source), e.Type, n.name(e.Target), len(e.Articles), sentence}
}

var edgeCols = []string{"date", "source", "type", "target", "articles", "evidence"}

// queryFlags are the flags of the commands that answer questions: the store
// and the output format.
func queryFlags(more ...cli.Flag) []cli.Flag {
	return append(append(storeFlags(), formatFlag()), more...)
}

// withReader runs fn with the store's query interface.
func withReader(c *cli.Context, fn func(ctx context.Context, r graph.Reader) error) error {
	return withStore(c, func(ctx context.Context, s graph.Store, where string) error {
		r, err := reader(s)
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		return fn(ctx, r)
	})
}
