//! The deck: a fair shuffle of the visible questions, dealt a hand at a time.
//!
//! A *pass* is one shuffled order of every visible question. Cards are dealt from the front of what
//! is left of the pass, so no question comes back before the pass has been gone through; then a new
//! pass is shuffled with a seed derived from the previous one. The order, the position and the
//! current hand are plain data, saved as a JSON document, so the deck survives a reload.
//!
//! `order[..position]` holds the cards dealt in this pass, `order[position..]` the rest, in their
//! shuffled order. A card that the filter passes over stays where it is, for a later draw; a dealt
//! card is moved to the end of the dealt part, so the rest keeps its order.

use std::collections::BTreeSet;

use rand::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;
use serde::{Deserialize, Serialize};

use super::{Category, Question, QuestionBank, QuestionId};

/// How many questions a hand holds unless the caller asks for another number.
pub const DEFAULT_HAND_SIZE: usize = 5;

/// Which questions a draw may deal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DrawFilter {
    /// Only questions of these categories; empty means every category.
    pub categories: BTreeSet<Category>,
    /// Never these ids, e.g. the questions already asked of this contact.
    pub exclude: BTreeSet<QuestionId>,
}

impl DrawFilter {
    /// Every visible question.
    pub fn any() -> Self {
        DrawFilter::default()
    }

    /// Only questions of these categories.
    pub fn only(categories: impl IntoIterator<Item = Category>) -> Self {
        DrawFilter {
            categories: categories.into_iter().collect(),
            exclude: BTreeSet::new(),
        }
    }

    /// The same filter, also leaving out these ids.
    pub fn excluding(mut self, ids: impl IntoIterator<Item = QuestionId>) -> Self {
        self.exclude.extend(ids);
        self
    }

    /// Whether a question with this id and category may be dealt.
    pub fn admits(&self, id: &str, category: Category) -> bool {
        (self.categories.is_empty() || self.categories.contains(&category))
            && !self.exclude.contains(id)
    }
}

/// A uniform integer in `0..n` (`n > 0`), without modulo bias: Lemire's multiply-and-reject.
pub fn uniform_below<R: RngCore + ?Sized>(rng: &mut R, n: u64) -> u64 {
    assert!(n > 0, "uniform_below(0)");
    let mut m = u128::from(rng.next_u64()) * u128::from(n);
    if (m as u64) < n {
        // 2^64 mod n: the low words below it would give the low results one time too many.
        let threshold = n.wrapping_neg() % n;
        while (m as u64) < threshold {
            m = u128::from(rng.next_u64()) * u128::from(n);
        }
    }
    (m >> 64) as u64
}

/// Shuffles in place with Fisher–Yates (Durstenfeld): every permutation is equally likely.
pub fn fisher_yates<T, R: RngCore + ?Sized>(items: &mut [T], rng: &mut R) {
    for i in (1..items.len()).rev() {
        let j = uniform_below(rng, i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

/// The seed of the pass after the one shuffled with `seed` (SplitMix64).
pub fn next_seed(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a: a hash of an id that is the same on every platform and Rust version.
fn stable_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The question deck (a persisted document).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Deck {
    /// The seed the current pass was shuffled with.
    seed: u64,
    /// The number of the current pass, from 1 (0 before the first shuffle).
    pass: u64,
    /// This pass: the dealt cards, then the rest in their shuffled order.
    order: Vec<QuestionId>,
    /// How many cards of `order` have been dealt.
    position: usize,
    /// The cards on the table, in the order they were dealt.
    hand: Vec<QuestionId>,
}

impl Deck {
    /// A deck of the bank's visible questions, shuffled with `seed`. The app passes a random seed;
    /// a test passes a fixed one.
    pub fn new(seed: u64, bank: &QuestionBank) -> Self {
        let mut deck = Deck::default();
        deck.start_pass(seed, bank);
        deck
    }

    /// The seed of the current pass.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The number of the current pass, from 1.
    pub fn pass(&self) -> u64 {
        self.pass
    }

    /// The order of the current pass: the dealt cards first, then the rest.
    pub fn order(&self) -> &[QuestionId] {
        &self.order
    }

    /// How many cards of this pass have been dealt.
    pub fn position(&self) -> usize {
        self.position
    }

    /// The current hand.
    pub fn hand(&self) -> &[QuestionId] {
        &self.hand
    }

    /// The current hand as questions, leaving out any hidden or deleted since it was dealt.
    pub fn hand_questions(&self, bank: &QuestionBank) -> Vec<Question> {
        self.hand
            .iter()
            .filter(|id| bank.visible_category(id).is_some())
            .filter_map(|id| bank.get(id))
            .collect()
    }

    /// Puts the hand down (its cards stay dealt for this pass).
    pub fn clear_hand(&mut self) {
        self.hand.clear();
    }

    /// Starts a new pass now, with `seed` or else the seed derived from the current one. The hand
    /// stays on the table.
    pub fn reshuffle(&mut self, bank: &QuestionBank, seed: Option<u64>) {
        let seed = seed.unwrap_or_else(|| next_seed(self.seed));
        self.start_pass(seed, bank);
    }

    /// Brings the deck up to date with the bank; [`Deck::draw`] and [`Deck::another`] call it.
    ///
    /// Deleted questions leave the deck. Questions added since the shuffle (or shown again and not
    /// yet in this pass) are slipped in at a random place among the cards still to come, so they
    /// are met in this pass. Hidden built-ins keep their place and are skipped while hidden. A
    /// damaged document (repeated ids, a position past the end) is repaired.
    pub fn sync(&mut self, bank: &QuestionBank) {
        if self.pass == 0 && self.order.is_empty() {
            self.start_pass(self.seed, bank);
            return;
        }
        let mut seen = BTreeSet::new();
        let mut kept = Vec::with_capacity(self.order.len());
        let mut position = 0;
        for (i, id) in self.order.drain(..).enumerate() {
            if bank.contains(&id) && seen.insert(id.clone()) {
                if i < self.position {
                    position += 1;
                }
                kept.push(id);
            }
        }
        self.order = kept;
        self.position = position;
        for id in bank.visible_ids() {
            if !seen.contains(&id) {
                // Stateless and deterministic: a generator of its own for each new id.
                let mut rng = Pcg64Mcg::seed_from_u64(self.seed ^ stable_hash(&id));
                let slots = (self.order.len() - self.position) as u64 + 1;
                let at = self.position + uniform_below(&mut rng, slots) as usize;
                self.order.insert(at, id);
            }
        }
    }

    /// Deals a new hand of up to `n` questions that pass the filter (use [`DEFAULT_HAND_SIZE`]),
    /// replacing the current hand, and returns it.
    ///
    /// Cards come from what is left of this pass. When none left there passes the filter, a new
    /// pass is shuffled and dealing goes on from it, never putting the same question twice in one
    /// hand; so the hand is shorter than `n` only when fewer questions pass the filter at all.
    pub fn draw(&mut self, n: usize, bank: &QuestionBank, filter: &DrawFilter) -> Vec<QuestionId> {
        self.sync(bank);
        let mut hand: Vec<QuestionId> = Vec::with_capacity(n);
        while hand.len() < n {
            match self.deal_or_reshuffle(bank, filter, &hand) {
                Some(id) => hand.push(id),
                None => break,
            }
        }
        self.hand = hand.clone();
        hand
    }

    /// Replaces one card of the hand with the next card that passes the filter and is not in the
    /// hand, in the same place, and returns the new card. `None` (and the hand unchanged) when the
    /// card is not in the hand or no other question passes the filter.
    pub fn another(
        &mut self,
        replacing: &str,
        bank: &QuestionBank,
        filter: &DrawFilter,
    ) -> Option<QuestionId> {
        let slot = self.hand.iter().position(|id| id == replacing)?;
        self.sync(bank);
        let avoid = self.hand.clone();
        let id = self.deal_or_reshuffle(bank, filter, &avoid)?;
        self.hand[slot] = id.clone();
        Some(id)
    }

    /// How many cards that pass the filter are left in this pass (questions added since the last
    /// sync included).
    pub fn remaining(&self, bank: &QuestionBank, filter: &DrawFilter) -> usize {
        let in_order: BTreeSet<&str> = self.order.iter().map(String::as_str).collect();
        let rest = self.order[self.position.min(self.order.len())..]
            .iter()
            .filter(|id| dealable(bank, filter, id))
            .collect::<BTreeSet<_>>()
            .len();
        let added = bank
            .all_visible()
            .into_iter()
            .filter(|q| !in_order.contains(q.id.as_str()) && filter.admits(&q.id, q.category))
            .count();
        rest + added
    }

    fn start_pass(&mut self, seed: u64, bank: &QuestionBank) {
        let mut order = bank.visible_ids();
        fisher_yates(&mut order, &mut Pcg64Mcg::seed_from_u64(seed));
        self.seed = seed;
        self.pass += 1;
        self.order = order;
        self.position = 0;
    }

    /// The next card of this pass, or of a new pass if this one has none left that would do.
    fn deal_or_reshuffle(
        &mut self,
        bank: &QuestionBank,
        filter: &DrawFilter,
        avoid: &[QuestionId],
    ) -> Option<QuestionId> {
        if let Some(id) = self.deal_next(bank, filter, avoid) {
            return Some(id);
        }
        // Only start a new pass if it would have something to deal.
        let any = bank
            .all_visible()
            .iter()
            .any(|q| filter.admits(&q.id, q.category) && !avoid.contains(&q.id));
        if !any {
            return None;
        }
        self.reshuffle(bank, None);
        self.deal_next(bank, filter, avoid)
    }

    /// Deals the first card still to come that would do, moving it to the end of the dealt part.
    fn deal_next(
        &mut self,
        bank: &QuestionBank,
        filter: &DrawFilter,
        avoid: &[QuestionId],
    ) -> Option<QuestionId> {
        let start = self.position.min(self.order.len());
        let offset = self.order[start..]
            .iter()
            .position(|id| dealable(bank, filter, id) && !avoid.contains(id))?;
        let j = start + offset;
        self.order[start..=j].rotate_right(1);
        self.position = start + 1;
        Some(self.order[start].clone())
    }
}

/// Whether the card is a visible question that the filter passes.
fn dealable(bank: &QuestionBank, filter: &DrawFilter, id: &str) -> bool {
    bank.visible_category(id)
        .is_some_and(|c| filter.admits(id, c))
}

#[cfg(test)]
mod tests;
