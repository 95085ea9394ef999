// A slow client many times over: each connection sends the start of a
// request head and then a header line every two seconds, never ending it.
// Prints how many connections the server closed, and the longest any
// stayed open, when all have closed or after the time given.
// usage: node slowloris.cjs HOST PORT CONNECTIONS SECONDS
const net = require("net");
const [host, port, n, secs] = process.argv.slice(2);
const t0 = Date.now();
let closed = 0, longest = 0;
const socks = [];
function done() {
	for (const s of socks) s.destroy();
	console.log(`closed ${closed} of ${n}, longest ${(longest / 1000).toFixed(1)} s`);
	process.exit(0);
}
for (let i = 0; i < Number(n); i++) {
	const s = net.connect(Number(port), host, () => {
		s.write("GET / HTTP/1.1\r\nHost: station\r\n");
		s.timer = setInterval(() => s.write(`X-Slow-${i}: 1\r\n`), 2000);
	});
	s.on("error", () => {});
	s.on("close", () => {
		clearInterval(s.timer);
		closed++;
		longest = Math.max(longest, Date.now() - t0);
		if (closed === Number(n)) done();
	});
	socks.push(s);
}
setTimeout(done, Number(secs) * 1000);
