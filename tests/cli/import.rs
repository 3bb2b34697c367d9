//! `rectify import`: notices of the genre to plan files.

use crate::harness::*;
