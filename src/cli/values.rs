//! The typed values of the command line: clap parses them, so a bad one is a usage error
//! (exit 2) whose message lists the valid choices.
//!
//! The library's own types ([`Speed`], [`Policy`], [`Controller`]) keep their names and lists;
//! this module only offers them to clap, so the lists live in one place.

use ceasefire::bot::Policy;
use ceasefire::engine::Seat;
use ceasefire::sim::sweep::SweepSpec;
use ceasefire::table::Controller;
use ceasefire::tui::Speed;
use clap::builder::{PossibleValue, StyledStr, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::ffi::OsStr;
use std::marker::PhantomData;
use std::sync::LazyLock;

/// `--speed`: the library's [`Speed`], named on the command line by [`Speed::key`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpeedArg(pub Speed);

/// Every speed, in the library's order, for [`clap::ValueEnum::value_variants`].
static SPEEDS: LazyLock<Vec<SpeedArg>> = LazyLock::new(|| Speed::ALL.map(SpeedArg).to_vec());

impl clap::ValueEnum for SpeedArg {
    fn value_variants<'a>() -> &'a [Self] {
        &SPEEDS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let pause = self.0.delay().as_millis();
        let help = if pause == 0 {
            "no pause between bots' moves".to_string()
        } else {
            format!("{pause} ms after each bot move")
        };
        Some(PossibleValue::new(self.0.key()).help(help))
    }
}

/// `report --format`: how the after-action report is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown, to read or paste into notes.
    #[default]
    Markdown,
    /// JSON, for other programs.
    Json,
}

/// What `--seat SEAT=VALUE` can put at a seat: who plays it, or which bot.
pub trait SeatValue: Copy + Send + Sync + 'static {
    /// Every value, in the order errors and completions list them.
    fn all() -> Vec<Self>;
    /// Values accepted but listed nowhere (not in errors, help or completions).
    fn hidden() -> Vec<Self> {
        Vec::new()
    }
    /// The value's name on the command line.
    fn key(self) -> &'static str;
}

impl SeatValue for Policy {
    fn all() -> Vec<Policy> {
        Policy::ALL.to_vec()
    }
    /// `hard-v1`, the yardstick the new `hard` is measured against.
    fn hidden() -> Vec<Policy> {
        vec![Policy::HardV1]
    }
    fn key(self) -> &'static str {
        Policy::key(self)
    }
}

impl SeatValue for Controller {
    fn all() -> Vec<Controller> {
        Controller::ALL.to_vec()
    }
    fn key(self) -> &'static str {
        Controller::key(self)
    }
}

/// One `--seat SEAT=VALUE`: a seat and what the command puts there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeatChoice<T> {
    /// The seat named.
    pub seat: Seat,
    /// Who plays it, or which bot.
    pub value: T,
}

impl<T> SeatChoice<T> {
    /// The same seat with `f` of its value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> SeatChoice<U> {
        SeatChoice {
            seat: self.seat,
            value: f(self.value),
        }
    }
}

/// Per-seat values: `defaults`, with each `--seat` choice in turn (a later one wins).
pub fn seat_values<T: Copy>(defaults: [T; 3], choices: &[SeatChoice<T>]) -> [T; 3] {
    let mut values = defaults;
    for choice in choices {
        values[choice.seat.index()] = choice.value;
    }
    values
}

/// Parses `--seat SEAT=VALUE` into a [`SeatChoice`]. A bad seat or value is an
/// invalid-value error listing the valid ones, with a tip naming both lists.
pub struct SeatParser<T>(PhantomData<fn() -> T>);

impl<T> SeatParser<T> {
    /// A parser for seats given `T` values.
    pub fn new() -> Self {
        SeatParser(PhantomData)
    }
}

impl<T> Clone for SeatParser<T> {
    fn clone(&self) -> Self {
        SeatParser::new()
    }
}

/// The keys of every seat.
fn seat_keys() -> Vec<String> {
    Seat::ALL.iter().map(|s| s.key().to_string()).collect()
}

/// The keys of every `T`.
fn value_keys<T: SeatValue>() -> Vec<String> {
    T::all().into_iter().map(|v| v.key().to_string()).collect()
}

/// `a, b or c`.
fn either(keys: &[String]) -> String {
    match keys {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

impl<T: SeatValue> TypedValueParser for SeatParser<T> {
    type Value = SeatChoice<T>;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<SeatChoice<T>, clap::Error> {
        let Some(text) = value.to_str() else {
            return Err(clap::Error::new(ErrorKind::InvalidUtf8).with_cmd(cmd));
        };
        let arg_name = arg.map_or_else(|| "--seat".to_string(), ToString::to_string);
        // `SEAT=WHO` (play), `SEAT=POLICY` (sim), `SEAT=BOT` (serve): the tip uses the same word.
        let placeholder = arg
            .and_then(|a| a.get_value_names())
            .and_then(|names| names.first())
            .map_or("SEAT=WHO", |name| name.as_str());
        let word = placeholder.split_once('=').map_or("WHO", |(_, word)| word);
        let tip = format!(
            "--seat takes {placeholder}: SEAT is {}; {word} is {}",
            either(&seat_keys()),
            either(&value_keys::<T>())
        );
        let invalid = |bad: &str, valid: Option<Vec<String>>| {
            let mut error = clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd);
            error.insert(
                ContextKind::InvalidArg,
                ContextValue::String(arg_name.clone()),
            );
            // An empty part would read as a missing value: show the whole pair instead.
            let shown = if bad.is_empty() { text } else { bad };
            error.insert(
                ContextKind::InvalidValue,
                ContextValue::String(shown.to_string()),
            );
            if let Some(valid) = valid {
                error.insert(ContextKind::ValidValue, ContextValue::Strings(valid));
            }
            error.insert(
                ContextKind::Suggested,
                ContextValue::StyledStrs(vec![StyledStr::from(tip.clone())]),
            );
            error
        };
        let Some((seat, who)) = text.split_once('=') else {
            return Err(invalid(text, None));
        };
        let Some(seat) = Seat::from_key(seat) else {
            return Err(invalid(seat, Some(seat_keys())));
        };
        let Some(value) = T::all()
            .into_iter()
            .chain(T::hidden())
            .find(|v| v.key() == who)
        else {
            return Err(invalid(who, Some(value_keys::<T>())));
        };
        Ok(SeatChoice { seat, value })
    }

    /// Every `SEAT=VALUE` pair, for shell completion (the help hides them: there are many).
    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let pairs = Seat::ALL.into_iter().flat_map(|seat| {
            T::all()
                .into_iter()
                .map(move |value| PossibleValue::new(format!("{}={}", seat.key(), value.key())))
        });
        Some(Box::new(pairs))
    }
}

/// Parses `--sweep KEY=A,B,C`; an unknown key or a value out of range is a usage error whose
/// message lists the valid keys or gives the range.
pub fn parse_sweep(text: &str) -> Result<SweepSpec, String> {
    SweepSpec::parse(text).map_err(|e| e.to_string())
}
