//! Node.js binding of the `ruv-swarm-transport` crate: its wire protocol
//! (the message envelope with MessagePack and JSON codecs, protocol version
//! compatibility, hop-count TTL), the gzip framing its WebSocket transport
//! applies to large frames, and the length-prefixed ring buffer behind its
//! shared-memory transport.
//!
//! The transports themselves (WebSocket servers and clients, OS shared
//! memory segments, tokio channels) are not exposed: they need a network or
//! a runtime, and JavaScript has its own.

use napi::bindgen_prelude::Buffer;
use napi::{Error, Result, Status};
use napi_derive::napi;
use ruv_swarm_transport::protocol::{BinaryCodec, JsonCodec, MessageCodec};
use ruv_swarm_transport::shared_memory::RingBuffer as CrateRingBuffer;
use ruv_swarm_transport::websocket::WebSocketTransport;
use ruv_swarm_transport::{Message, ProtocolVersion};

/// Version of the wrapped `ruv-swarm-transport` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn fail(e: impl std::fmt::Display) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

fn codec(format: &str) -> Result<Box<dyn MessageCodec>> {
    match format {
        "msgpack" => Ok(Box::new(BinaryCodec)),
        "json" => Ok(Box::new(JsonCodec)),
        other => Err(invalid(format!("unknown format '{other}' (expected msgpack or json)"))),
    }
}

fn parse_message(json: &str) -> Result<Message> {
    serde_json::from_str(json).map_err(|e| invalid(format!("bad message JSON: {e}")))
}

/// Encodes a message envelope (JSON in the crate's serde format) with the
/// crate's MessagePack ("msgpack", structs as arrays) or JSON codec.
#[napi]
pub fn encode_message(message_json: String, format: String) -> Result<Buffer> {
    let message = parse_message(&message_json)?;
    Ok(codec(&format)?.encode(&message).map_err(fail)?.into())
}

/// Decodes bytes written by either codec back to the envelope as JSON.
#[napi]
pub fn decode_message(bytes: Buffer, format: String) -> Result<String> {
    let message = codec(&format)?.decode(&bytes).map_err(fail)?;
    serde_json::to_string(&message).map_err(fail)
}

/// The protocol version this crate speaks, "major.minor.patch".
#[napi]
pub fn protocol_version() -> String {
    ProtocolVersion::CURRENT.to_string()
}

fn parse_version(s: &str) -> Result<ProtocolVersion> {
    let parts: Vec<&str> = s.split('.').collect();
    let num = |p: &str| p.parse::<u8>().map_err(|_| invalid(format!("bad protocol version '{s}' (expected major.minor.patch, each 0-255)")));
    match parts[..] {
        [a, b, c] => Ok(ProtocolVersion { major: num(a)?, minor: num(b)?, patch: num(c)? }),
        _ => Err(invalid(format!("bad protocol version '{s}' (expected major.minor.patch, each 0-255)"))),
    }
}

/// Versions are compatible when their major numbers match.
#[napi]
pub fn is_compatible(a: String, b: String) -> Result<bool> {
    Ok(parse_version(&a)?.is_compatible(&parse_version(&b)?))
}

#[napi(object)]
pub struct Hop {
    /// The envelope after the hop (TTL one lower when it was above 0).
    pub message: String,
    /// True when the TTL was already 0: the message must not be forwarded.
    pub drop: bool,
}

/// Applies one forwarding hop to a message's TTL (no TTL: never dropped).
#[napi]
pub fn forward_hop(message_json: String) -> Result<Hop> {
    let mut message = parse_message(&message_json)?;
    let drop = message.decrement_ttl();
    Ok(Hop { message: serde_json::to_string(&message).map_err(fail)?, drop })
}

/// Gzip, as the WebSocket transport compresses frames above its threshold.
#[napi]
pub fn compress(data: Buffer) -> Result<Buffer> {
    Ok(WebSocketTransport::compress(&data).map_err(fail)?.into())
}

#[napi]
pub fn decompress(data: Buffer) -> Result<Buffer> {
    Ok(WebSocketTransport::decompress(&data).map_err(fail)?.into())
}

/// The shared-memory transport's ring buffer: each write stores a 4-byte
/// little-endian length and the bytes, wrapping around the end.
#[napi]
pub struct RingBuffer {
    inner: CrateRingBuffer,
}

#[napi]
impl RingBuffer {
    #[napi(constructor)]
    pub fn new(capacity: u32) -> Result<Self> {
        if capacity == 0 {
            return Err(invalid("capacity must be at least 1"));
        }
        Ok(RingBuffer { inner: CrateRingBuffer::new(capacity as usize) })
    }

    /// Throws "Message too large" when length + 4 exceeds the free space.
    #[napi]
    pub fn write(&self, data: Buffer) -> Result<()> {
        self.inner.write(&data).map_err(fail)
    }

    /// The oldest record, or null when empty.
    #[napi]
    pub fn read(&self) -> Option<Buffer> {
        self.inner.read().map(Buffer::from)
    }

    #[napi(getter)]
    pub fn available_space(&self) -> u32 {
        self.inner.available_space() as u32
    }

    #[napi(getter)]
    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
}
