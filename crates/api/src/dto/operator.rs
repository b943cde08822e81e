//! Operators and the session (lock, kiosk).

#[allow(unused_imports)]
use super::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Request: add an operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatorAdd {
    /// Display name.
    pub name: String,
    /// `volunteer`, `lead` or `kiosk`.
    pub role: Role,
    /// 6–12 digits.
    pub pin: String,
}

/// Request: unlock as an operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatorUnlock {
    /// Display name.
    pub name: String,
    /// The PIN.
    pub pin: String,
}

/// An operator (never with the PIN hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatorDto {
    /// Display name.
    pub name: String,
    /// `volunteer`, `lead` or `kiosk`.
    pub role: Role,
    /// When added.
    pub created_at: String,
}

/// The desktop session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionDto {
    /// The unlocked operator, if any.
    pub operator: Option<OperatorDto>,
    /// Kiosk (self-service) mode.
    pub kiosk: bool,
    /// Nobody is unlocked (and not in kiosk mode): show the lock screen,
    /// or the first-lead screen when `needs_first_lead`.
    pub locked: bool,
    /// A new installation: the first team lead must be set up before anything else.
    pub needs_first_lead: bool,
    /// Idle seconds before the window locks (or, in a kiosk, wipes).
    pub idle_seconds: u32,
}

/// Request: a lead sets a new PIN for an operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatorResetPin {
    /// The operator's name.
    pub name: String,
    /// The new PIN, 6–12 digits.
    pub pin: String,
}

/// Request: one operator by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatorRef {
    /// The operator's name.
    pub name: String,
}
