//! A guard between the socket and hyper that refuses, with `400`, an HTTP/1 request carrying
//! both `Content-Length` and `Transfer-Encoding` (RFC 9112 §6.1: the shape of request
//! smuggling, where a proxy in front and this server could disagree on where the body ends).
//!
//! hyper already reads such a body as chunked and closes the connection afterwards, so nothing
//! is smuggled past it; but it removes the `Content-Length` header before the application sees
//! the request, so the conflict can only be seen in the bytes. The guard therefore follows each
//! request's framing (a head, then a body of `Content-Length` bytes or chunks) to know where the
//! next head starts, and checks every head before hyper reads it. Whatever the guard does not
//! understand it hands to hyper untouched from then on (hyper refuses malformed input itself):
//! the guard can only ever refuse the one conflict, never accept what hyper would refuse.
//!
//! On the conflict the guard ends the stream for hyper (hyper sees the client close) and writes
//! the `400` itself when hyper shuts the connection down, after anything hyper was still
//! writing for earlier requests.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

use super::error::ErrorBody;

/// A head longer than this is handed to hyper unchecked; hyper refuses heads over its own
/// limit (about 400 KiB) and a head this long cannot come from a browser.
const MAX_CHECKED_HEAD: usize = 64 * 1024;
/// hyper's own limit on the number of header lines.
const MAX_HEADERS: usize = 100;
/// How much is read from the socket at a time.
const READ_CHUNK: usize = 8 * 1024;

/// The server's listener: plain TCP, each connection behind a [`FramingGuard`].
pub struct GuardedListener(pub TcpListener);

impl Listener for GuardedListener {
    type Io = FramingGuard<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, addr) = Listener::accept(&mut self.0).await;
        (FramingGuard::new(stream), addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

/// The peer's address, as axum's `ConnectInfo` for a [`GuardedListener`] (axum implements
/// `Connected` for `SocketAddr` only on its own listeners).
#[derive(Clone, Copy, Debug)]
pub struct PeerAddr(pub SocketAddr);

impl Connected<IncomingStream<'_, GuardedListener>> for PeerAddr {
    fn connect_info(stream: IncomingStream<'_, GuardedListener>) -> Self {
        PeerAddr(*stream.remote_addr())
    }
}

/// Where in the byte stream the scanner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    /// Collecting a request head.
    Head,
    /// Inside a body of known length: this many bytes remain.
    Body(u64),
    /// Reading a chunk-size line; `size` so far, whether a digit was seen, whether the
    /// line is in a chunk extension now.
    ChunkSize { size: u64, digits: bool, ext: bool },
    /// Inside a chunk's data: this many bytes remain.
    ChunkData(u64),
    /// After a chunk's data: the CRLF that ends it.
    ChunkEnd,
    /// After the last chunk: trailer lines; whether the current line is empty so far.
    Trailers { empty_line: bool },
    /// Something the guard does not follow (an upgrade, a malformed head): hyper gets every
    /// byte unchecked from here on.
    Passthrough,
    /// A head carried both framing headers: hyper is told the stream ended.
    Refused,
}

/// What the scanner decided about some bytes.
#[derive(Debug, Default, PartialEq, Eq)]
struct Scanned {
    /// Bytes cleared for hyper, in order.
    cleared: Vec<u8>,
    /// A head with both `Content-Length` and `Transfer-Encoding` was found.
    refused: bool,
}

/// Follows HTTP/1 request framing over a byte stream fed in arbitrary pieces.
#[derive(Debug)]
struct Scanner {
    framing: Framing,
    /// The bytes of a head not yet complete.
    head: Vec<u8>,
}

impl Scanner {
    fn new() -> Self {
        Scanner {
            framing: Framing::Head,
            head: Vec::new(),
        }
    }

    /// Takes the next bytes read from the client.
    fn feed(&mut self, mut input: &[u8]) -> Scanned {
        let mut out = Scanned::default();
        while !input.is_empty() {
            match self.framing {
                Framing::Refused => break,
                Framing::Passthrough => {
                    out.cleared.extend_from_slice(input);
                    break;
                }
                Framing::Head => {
                    self.head.extend_from_slice(input);
                    input = &[];
                    match self.check_head() {
                        HeadCheck::Incomplete => {}
                        HeadCheck::Refused => {
                            self.framing = Framing::Refused;
                            self.head.clear();
                            out.refused = true;
                        }
                        HeadCheck::Complete { len, next } => {
                            let rest = self.head.split_off(len);
                            out.cleared.append(&mut self.head);
                            self.framing = next;
                            // The bytes after the head go round again in the new state.
                            let more = self.feed(&rest);
                            out.cleared.extend(more.cleared);
                            out.refused |= more.refused;
                        }
                    }
                }
                Framing::Body(remaining) | Framing::ChunkData(remaining) => {
                    let take = usize::try_from(remaining)
                        .unwrap_or(usize::MAX)
                        .min(input.len());
                    out.cleared.extend_from_slice(&input[..take]);
                    input = &input[take..];
                    let left = remaining - take as u64;
                    self.framing = match (self.framing, left) {
                        (Framing::Body(_), 0) => Framing::Head,
                        (Framing::Body(_), left) => Framing::Body(left),
                        (_, 0) => Framing::ChunkEnd,
                        (_, left) => Framing::ChunkData(left),
                    };
                }
                _ => {
                    let byte = input[0];
                    input = &input[1..];
                    out.cleared.push(byte);
                    self.framing = self.chunk_byte(byte);
                }
            }
        }
        out
    }

    /// The next state after one byte of chunked framing (sizes, CRLFs, trailers).
    fn chunk_byte(&self, byte: u8) -> Framing {
        match self.framing {
            Framing::ChunkSize { size, digits, ext } => match byte {
                b'\n' if digits && size == 0 => Framing::Trailers { empty_line: true },
                b'\n' if digits => Framing::ChunkData(size),
                b'\r' => self.framing,
                _ if ext => self.framing,
                b';' | b' ' | b'\t' if digits => Framing::ChunkSize {
                    size,
                    digits,
                    ext: true,
                },
                _ => match (byte as char).to_digit(16) {
                    Some(digit) => size
                        .checked_mul(16)
                        .and_then(|s| s.checked_add(u64::from(digit)))
                        .map_or(Framing::Passthrough, |size| Framing::ChunkSize {
                            size,
                            digits: true,
                            ext: false,
                        }),
                    None => Framing::Passthrough,
                },
            },
            Framing::ChunkEnd => match byte {
                b'\r' => Framing::ChunkEnd,
                b'\n' => Framing::ChunkSize {
                    size: 0,
                    digits: false,
                    ext: false,
                },
                _ => Framing::Passthrough,
            },
            Framing::Trailers { empty_line } => match byte {
                b'\r' => self.framing,
                b'\n' if empty_line => Framing::Head,
                b'\n' => Framing::Trailers { empty_line: true },
                _ => Framing::Trailers { empty_line: false },
            },
            other => other,
        }
    }

    fn check_head(&mut self) -> HeadCheck {
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut request = httparse::Request::new(&mut headers);
        let len = match request.parse(&self.head) {
            Ok(httparse::Status::Complete(len)) => len,
            Ok(httparse::Status::Partial) if self.head.len() <= MAX_CHECKED_HEAD => {
                return HeadCheck::Incomplete;
            }
            // Too long, too many headers or malformed: hyper decides.
            _ => {
                return HeadCheck::Complete {
                    len: self.head.len(),
                    next: Framing::Passthrough,
                }
            }
        };
        let named = |name: &'static str| header_values(request.headers, name);
        let has_transfer_encoding = named("transfer-encoding").next().is_some();
        let mut lengths = named("content-length");
        let first_length = lengths.next();
        if has_transfer_encoding && first_length.is_some() {
            return HeadCheck::Refused;
        }
        let upgrade = request.method == Some("CONNECT") || named("upgrade").next().is_some();
        let next = if upgrade {
            Framing::Passthrough
        } else if has_transfer_encoding {
            Framing::ChunkSize {
                size: 0,
                digits: false,
                ext: false,
            }
        } else if let Some(value) = first_length {
            let parsed = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok());
            let repeated_differently = lengths.any(|other| other != value);
            match parsed {
                Some(0) if !repeated_differently => Framing::Head,
                Some(length) if !repeated_differently => Framing::Body(length),
                _ => Framing::Passthrough,
            }
        } else {
            Framing::Head
        };
        HeadCheck::Complete { len, next }
    }
}

/// The values of every header line called `name` (any letter case).
fn header_values<'a>(
    headers: &'a [httparse::Header<'a>],
    name: &'static str,
) -> impl Iterator<Item = &'a [u8]> + 'a {
    headers
        .iter()
        .filter(move |h| h.name.eq_ignore_ascii_case(name))
        .map(|h| h.value)
}

enum HeadCheck {
    Incomplete,
    Refused,
    Complete { len: usize, next: Framing },
}

/// The `400` the guard writes for a refused head.
fn refusal() -> Vec<u8> {
    let body = ErrorBody {
        error: "conflicting_framing",
        message_ja: "Content-Length と Transfer-Encoding の両方を含むリクエストは受け付けられません。どちらか一方だけを送ってください。".to_owned(),
        message_en: "A request may not carry both Content-Length and Transfer-Encoding. Send one of them only.".to_owned(),
        detail: None,
    };
    let json = serde_json::to_string(&body).unwrap_or_default();
    format!(
        "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncache-control: no-store\r\n\
         x-content-type-options: nosniff\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{json}",
        json.len()
    )
    .into_bytes()
}

/// A connection behind the framing check (see the module's documentation).
pub struct FramingGuard<S> {
    inner: S,
    scanner: Scanner,
    /// Checked bytes hyper has not read yet.
    ready: Vec<u8>,
    /// Where hyper's next read starts in `ready`.
    ready_from: usize,
    /// The refusal still to be written, and how much of it is written.
    refusal: Option<(Vec<u8>, usize)>,
    /// The client closed its side.
    eof: bool,
}

impl<S> FramingGuard<S> {
    pub fn new(inner: S) -> Self {
        FramingGuard {
            inner,
            scanner: Scanner::new(),
            ready: Vec::new(),
            ready_from: 0,
            refusal: None,
            eof: false,
        }
    }

    fn hand_over(&mut self, buf: &mut ReadBuf<'_>) {
        let available = &self.ready[self.ready_from..];
        let n = available.len().min(buf.remaining());
        buf.put_slice(&available[..n]);
        self.ready_from += n;
        if self.ready_from == self.ready.len() {
            self.ready.clear();
            self.ready_from = 0;
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for FramingGuard<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        loop {
            if this.ready_from < this.ready.len() {
                this.hand_over(buf);
                return Poll::Ready(Ok(()));
            }
            if this.scanner.framing == Framing::Passthrough {
                return Pin::new(&mut this.inner).poll_read(cx, buf);
            }
            if this.eof || this.scanner.framing == Framing::Refused {
                return Poll::Ready(Ok(()));
            }
            let mut chunk = [0u8; READ_CHUNK];
            let mut read = ReadBuf::new(&mut chunk);
            match Pin::new(&mut this.inner).poll_read(cx, &mut read) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Ready(Ok(())) if read.filled().is_empty() => {
                    // The client closed: an unfinished head goes to hyper as it is.
                    this.eof = true;
                    this.ready.append(&mut this.scanner.head);
                }
                Poll::Ready(Ok(())) => {
                    let scanned = this.scanner.feed(read.filled());
                    this.ready.extend(scanned.cleared);
                    if scanned.refused {
                        tracing::info!(
                            "refused a request with both Content-Length and Transfer-Encoding"
                        );
                        this.refusal = Some((refusal(), 0));
                    }
                }
            }
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for FramingGuard<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if let Some((bytes, written)) = &mut this.refusal {
            while *written < bytes.len() {
                match Pin::new(&mut this.inner).poll_write(cx, &bytes[*written..]) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Ok(0)) => break,
                    Poll::Ready(Ok(n)) => *written += n,
                    // The client is gone: nothing left to tell it.
                    Poll::Ready(Err(_)) => break,
                }
            }
            match Pin::new(&mut this.inner).poll_flush(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(_) => this.refusal = None,
            }
        }
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the scanner clears and decides for `input` cut at `cuts`, and where it ends.
    fn scan_in_pieces(input: &[u8], cuts: &[usize]) -> Scanned {
        scan_with_state(input, cuts).0
    }

    fn scan_with_state(input: &[u8], cuts: &[usize]) -> (Scanned, Framing) {
        let mut scanner = Scanner::new();
        let mut out = Scanned::default();
        let mut from = 0;
        let mut points: Vec<usize> = cuts.iter().map(|c| c % (input.len() + 1)).collect();
        points.sort_unstable();
        points.push(input.len());
        for to in points {
            let part = scanner.feed(&input[from..to.max(from)]);
            out.cleared.extend(part.cleared);
            out.refused |= part.refused;
            from = to.max(from);
        }
        (out, scanner.framing)
    }

    const GET: &[u8] = b"GET /api/config HTTP/1.1\r\nHost: x\r\n\r\n";
    const POST_LENGTH: &[u8] =
        b"POST /api/requests HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";
    const POST_CHUNKED: &[u8] = b"POST /api/requests HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n";
    /// A chunk whose data looks like a conflicting head (59 = 0x3b bytes): data, not a head.
    const POST_CHUNK_LOOKS_LIKE_HEAD: &[u8] = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3b\r\nGET / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: x\r\n\r\n\r\n0\r\n\r\n";

    fn conflicting(te_first: bool) -> Vec<u8> {
        let (a, b) = if te_first {
            ("Transfer-Encoding: chunked", "Content-Length: 4")
        } else {
            ("content-length: 4", "transfer-encoding: chunked")
        };
        format!("POST /api/requests HTTP/1.1\r\nHost: x\r\n{a}\r\n{b}\r\n\r\n0\r\n\r\n")
            .into_bytes()
    }

    #[test]
    fn well_framed_requests_pass_unchanged_and_the_conflict_is_refused() {
        // (input, refused, bytes cleared for hyper); a well-framed input ends awaiting a head.
        let mut pipelined = Vec::new();
        for part in [
            GET,
            POST_LENGTH,
            POST_CHUNKED,
            POST_CHUNK_LOOKS_LIKE_HEAD,
            GET,
        ] {
            pipelined.extend_from_slice(part);
        }
        let mut smuggled_after = POST_LENGTH.to_vec();
        smuggled_after.extend(conflicting(true));
        let cases: Vec<(Vec<u8>, bool, usize)> = vec![
            (GET.to_vec(), false, GET.len()),
            (POST_LENGTH.to_vec(), false, POST_LENGTH.len()),
            (POST_CHUNKED.to_vec(), false, POST_CHUNKED.len()),
            (
                POST_CHUNK_LOOKS_LIKE_HEAD.to_vec(),
                false,
                POST_CHUNK_LOOKS_LIKE_HEAD.len(),
            ),
            (pipelined.clone(), false, pipelined.len()),
            (conflicting(true), true, 0),
            (conflicting(false), true, 0),
            // A conflict after a good request: the good one reaches hyper, the bad one not.
            (smuggled_after, true, POST_LENGTH.len()),
            // Malformed heads are hyper's to refuse: handed over whole.
            (b"NOT HTTP\x01\r\n\r\n".to_vec(), false, 13),
        ];
        for (input, refused, cleared) in cases {
            let (out, end) = scan_with_state(&input, &[]);
            let expected_end = match (
                refused,
                cleared == input.len() && !input.starts_with(b"NOT"),
            ) {
                (true, _) => Framing::Refused,
                (false, true) => Framing::Head,
                (false, false) => Framing::Passthrough,
            };
            assert_eq!(end, expected_end, "{}", String::from_utf8_lossy(&input));
            assert_eq!(out.refused, refused, "{}", String::from_utf8_lossy(&input));
            assert_eq!(
                out.cleared.len(),
                cleared,
                "{}",
                String::from_utf8_lossy(&input)
            );
            assert_eq!(out.cleared[..], input[..cleared]);
        }
    }

    #[test]
    fn an_incomplete_head_waits_and_a_huge_one_is_left_to_hyper() {
        let mut scanner = Scanner::new();
        assert!(scanner.feed(b"GET / HTTP/1.1\r\nHost:").cleared.is_empty());
        let mut huge = b"GET / HTTP/1.1\r\nX: ".to_vec();
        huge.extend(std::iter::repeat_n(b'a', MAX_CHECKED_HEAD + 1));
        let mut scanner = Scanner::new();
        let out = scanner.feed(&huge);
        assert_eq!(out.cleared.len(), huge.len());
        assert_eq!(scanner.framing, Framing::Passthrough);
    }

    #[test]
    fn the_refusal_is_a_complete_400_with_the_error_code() {
        let text = String::from_utf8(refusal()).expect("utf-8");
        assert!(text.starts_with("HTTP/1.1 400 Bad Request\r\n"));
        let (head, body) = text.split_once("\r\n\r\n").expect("head and body");
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(body.contains("\"error\":\"conflicting_framing\""));
    }

    proptest! {
        /// However the bytes arrive, the same bytes reach hyper and the same decision is made.
        #[test]
        fn pieces_do_not_change_the_outcome(
            cuts in proptest::collection::vec(0usize..2000, 0..12),
            conflict_at_end in any::<bool>(),
        ) {
            let mut input = Vec::new();
            for part in [GET, POST_CHUNKED, POST_LENGTH, POST_CHUNK_LOOKS_LIKE_HEAD] {
                input.extend_from_slice(part);
            }
            let good = input.len();
            if conflict_at_end {
                input.extend(conflicting(false));
            }
            let whole = scan_in_pieces(&input, &[]);
            let pieces = scan_in_pieces(&input, &cuts);
            prop_assert_eq!(&whole, &pieces);
            prop_assert_eq!(pieces.refused, conflict_at_end);
            prop_assert_eq!(&pieces.cleared[..], &input[..good]);
        }

        /// Arbitrary bytes never panic, and what is cleared is always a prefix of the input.
        #[test]
        fn arbitrary_bytes_are_a_prefix_or_refused(
            input in proptest::collection::vec(any::<u8>(), 0..600),
            cuts in proptest::collection::vec(0usize..600, 0..6),
        ) {
            let out = scan_in_pieces(&input, &cuts);
            prop_assert!(out.cleared.len() <= input.len());
            prop_assert_eq!(&out.cleared[..], &input[..out.cleared.len()]);
        }
    }
}
