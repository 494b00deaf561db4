package importer

import (
	"bytes"
	"math/rand/v2"
	"os"
	"testing"
	"time"
)

func TestZZHunt(t *testing.T) {
	raw, _ := os.ReadFile("testdata/landchina/supply_results_2018-12.csv")
	seed := bytes.Join(bytes.SplitAfter(raw, []byte("\n"))[:6], nil)
	rng := rand.New(rand.NewPCG(1, 2))
	deadline := time.Now().Add(40 * time.Second)
	n := 0
	for time.Now().Before(deadline) {
		in := append([]byte(nil), seed...)
		for k := rng.IntN(8) + 1; k > 0; k-- {
			i := rng.IntN(len(in))
			switch rng.IntN(3) {
			case 0:
				in[i] = byte(rng.IntN(256))
			case 1:
				in = append(in[:i], in[i+1:]...)
			case 2:
				in = append(in[:i], append([]byte{"\",\n|;\r\x00"[rng.IntN(7)]}, in[i:]...)...)
			}
		}
		done := make(chan bool)
		go func() { ParseSupplyCSV("f.csv", bytes.NewReader(in)); close(done) }()
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			os.WriteFile("/tmp/hang.csv", in, 0o644)
			t.Fatalf("hang after %d inputs", n)
		}
		n++
	}
	t.Logf("%d inputs", n)
}
