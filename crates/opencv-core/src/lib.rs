//! Node.js binding of the `opencv-core` crate's geometry: integer rectangles
//! and points as OpenCV defines them (a rectangle holds x <= px < x + width).

use napi::{Error, Result, Status};
use napi_derive::napi;
use opencv_core::point::Point as CvPoint;
use opencv_core::rect::Rect as CvRect;

/// Version of the wrapped `opencv-core` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[napi(object)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub height: i32,
}

#[napi(object)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

// Coordinates are added and multiplied as 32-bit integers by the crate;
// bounding them keeps every result representable.
const LIMIT: i32 = 1 << 14;

fn bounded(values: &[i32]) -> Result<()> {
    match values.iter().find(|v| v.abs() > LIMIT) {
        Some(v) => Err(Error::new(
            Status::InvalidArg,
            format!("coordinate {v} is outside [-{LIMIT}, {LIMIT}]"),
        )),
        None => Ok(()),
    }
}

fn cv_rect(r: &Rect) -> Result<CvRect> {
    bounded(&[r.x, r.y, r.width, r.height])?;
    Ok(CvRect::new(r.x, r.y, r.width, r.height))
}

fn cv_point(p: &Point) -> Result<CvPoint> {
    bounded(&[p.x, p.y])?;
    Ok(CvPoint::new(p.x, p.y))
}

fn js_rect(r: CvRect) -> Rect {
    Rect { x: r.x, y: r.y, width: r.width, height: r.height }
}

/// width × height.
#[napi]
pub fn area(r: Rect) -> Result<i32> {
    Ok(cv_rect(&r)?.area())
}

/// The overlap of two rectangles, or null when they do not overlap.
#[napi]
pub fn intersect(a: Rect, b: Rect) -> Result<Option<Rect>> {
    Ok(cv_rect(&a)?.intersect(&cv_rect(&b)?).map(js_rect))
}

/// The smallest rectangle holding both.
#[napi]
pub fn union(a: Rect, b: Rect) -> Result<Rect> {
    Ok(js_rect(cv_rect(&a)?.union(&cv_rect(&b)?)))
}

/// Whether `p` lies in `r` (left and top edges in, right and bottom out).
#[napi]
pub fn contains(r: Rect, p: Point) -> Result<bool> {
    Ok(cv_rect(&r)?.contains(cv_point(&p)?))
}

/// Euclidean distance between two points.
#[napi]
pub fn distance(a: Point, b: Point) -> Result<f64> {
    Ok(cv_point(&a)?.distance_to(&cv_point(&b)?))
}
