//! Geometry and text layout of the wheel.
//!
//! Everything here is pure arithmetic on view-box units (the wheel's SVG is
//! 1000 × 1000 units and scales to any screen), so the layout is tested
//! natively: angles, arcs, chip slots, hit tests and text fitting.

pub mod chart;
pub mod geometry;
pub mod layout;
pub mod text;
