use std::collections::BTreeSet;

use proptest::prelude::*;
use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

use super::*;

/// The 0.999 quantile of the chi-square distribution with 25 degrees of freedom.
const CHI2_999_25: f64 = 52.62;
const SHUFFLES: u64 = 20_000;

/// Pearson's chi-square statistic of counts against a uniform expectation.
fn chi_square(counts: &[u64]) -> f64 {
    let total: u64 = counts.iter().sum();
    let expected = total as f64 / counts.len() as f64;
    counts
        .iter()
        .map(|&c| (c as f64 - expected).powi(2) / expected)
        .sum()
}

/// How often each of 26 items lands first, over `SHUFFLES` shuffles seeded 0, 1, 2...
fn first_place_counts(shuffle: impl Fn(&mut [usize], &mut Pcg64Mcg)) -> Vec<u64> {
    let mut counts = vec![0u64; 26];
    for seed in 0..SHUFFLES {
        let mut items: Vec<usize> = (0..26).collect();
        shuffle(&mut items, &mut Pcg64Mcg::seed_from_u64(seed));
        counts[items[0]] += 1;
    }
    counts
}

/// Sattolo's algorithm where Fisher–Yates was meant: `j` drawn from `0..i` instead of `0..=i`, the
/// classic off-by-one. It only makes cyclic permutations: no item ever stays where it was.
fn off_by_one_shuffle(items: &mut [usize], rng: &mut Pcg64Mcg) {
    for i in (1..items.len()).rev() {
        let j = uniform_below(rng, i as u64) as usize;
        items.swap(i, j);
    }
}

/// The naive shuffle: every position swapped with any position, `n^n` equally likely paths onto
/// `n!` permutations, which cannot be spread evenly.
fn naive_shuffle(items: &mut [usize], rng: &mut Pcg64Mcg) {
    let n = items.len() as u64;
    for i in 0..items.len() {
        let j = uniform_below(rng, n) as usize;
        items.swap(i, j);
    }
}

fn bank() -> QuestionBank {
    QuestionBank::default()
}

fn all_ids(bank: &QuestionBank) -> BTreeSet<QuestionId> {
    bank.visible_ids().into_iter().collect()
}

#[test]
fn the_shuffle_is_uniform_by_chi_square() {
    let counts = first_place_counts(fisher_yates);
    let chi2 = chi_square(&counts);
    assert!(chi2 < CHI2_999_25, "chi-square {chi2:.2} for {counts:?}");
    // Last place too: the other end of the loop.
    let mut last = vec![0u64; 26];
    for seed in 0..SHUFFLES {
        let mut items: Vec<usize> = (0..26).collect();
        fisher_yates(&mut items, &mut Pcg64Mcg::seed_from_u64(seed));
        last[items[25]] += 1;
    }
    let chi2 = chi_square(&last);
    assert!(chi2 < CHI2_999_25, "chi-square {chi2:.2} for {last:?}");
}

#[test]
fn the_chi_square_check_fails_a_biased_shuffle() {
    let chi2 = chi_square(&first_place_counts(off_by_one_shuffle));
    assert!(chi2 > CHI2_999_25, "off-by-one: chi-square {chi2:.2}");
    let chi2 = chi_square(&first_place_counts(naive_shuffle));
    assert!(chi2 > CHI2_999_25, "naive: chi-square {chi2:.2}");
}

#[test]
fn the_first_card_dealt_by_a_new_deck_is_uniform() {
    let bank = bank();
    let ids = bank.visible_ids();
    let mut counts = vec![0u64; ids.len()];
    for seed in 0..SHUFFLES {
        let mut deck = Deck::new(seed, &bank);
        let hand = deck.draw(1, &bank, &DrawFilter::any());
        counts[ids.iter().position(|id| *id == hand[0]).unwrap()] += 1;
    }
    let chi2 = chi_square(&counts);
    assert!(chi2 < CHI2_999_25, "chi-square {chi2:.2} for {counts:?}");
}

#[test]
fn uniform_below_is_uniform_and_in_range() {
    let mut rng = Pcg64Mcg::seed_from_u64(7);
    let mut counts = vec![0u64; 26];
    for _ in 0..SHUFFLES {
        counts[uniform_below(&mut rng, 26) as usize] += 1;
    }
    assert!(chi_square(&counts) < CHI2_999_25);
    assert_eq!(uniform_below(&mut rng, 1), 0);
    assert!(uniform_below(&mut rng, u64::MAX) < u64::MAX);
}

proptest! {
    #[test]
    fn the_shuffle_is_a_permutation(seed in any::<u64>(), len in 0usize..300) {
        let mut items: Vec<usize> = (0..len).collect();
        fisher_yates(&mut items, &mut Pcg64Mcg::seed_from_u64(seed));
        prop_assert_eq!(items.len(), len);
        let mut sorted = items.clone();
        sorted.sort_unstable();
        prop_assert_eq!(sorted, (0..len).collect::<Vec<_>>());
    }

    #[test]
    fn a_deck_is_a_permutation_of_the_visible_questions(seed in any::<u64>()) {
        let bank = bank();
        let deck = Deck::new(seed, &bank);
        let mut order = deck.order().to_vec();
        order.sort();
        prop_assert_eq!(order, bank.visible_ids());
        prop_assert_eq!(deck.position(), 0);
    }

    #[test]
    fn excluded_ids_are_never_drawn(
        seed in any::<u64>(),
        excluded in proptest::collection::btree_set(1usize..=26, 0..20),
        n in 1usize..8,
    ) {
        let bank = bank();
        let exclude: BTreeSet<QuestionId> = excluded.iter().map(|i| format!("b{i:02}")).collect();
        let filter = DrawFilter::any().excluding(exclude.clone());
        let mut deck = Deck::new(seed, &bank);
        let mut seen = BTreeSet::new();
        for _ in 0..12 {
            let hand = deck.draw(n, &bank, &filter);
            prop_assert_eq!(hand.len(), n.min(26 - exclude.len()));
            for id in &hand {
                prop_assert!(!exclude.contains(id));
                seen.insert(id.clone());
            }
            if let Some(first) = hand.first().cloned() {
                if let Some(new) = deck.another(&first, &bank, &filter) {
                    prop_assert!(!exclude.contains(&new));
                }
            }
        }
        prop_assert!(seen.iter().all(|id| !exclude.contains(id)));
    }

    #[test]
    fn no_repeat_before_the_deck_is_gone_through(seed in any::<u64>(), n in 1usize..7) {
        let bank = bank();
        let mut deck = Deck::new(seed, &bank);
        let mut dealt: Vec<QuestionId> = Vec::new();
        let mut round = 0;
        while dealt.len() < 26 {
            let hand = deck.draw(n, &bank, &DrawFilter::any());
            dealt.extend(hand.iter().cloned());
            if round % 2 == 0 {
                if let Some(new) = deck.another(&hand[0], &bank, &DrawFilter::any()) {
                    dealt.push(new);
                }
            }
            round += 1;
        }
        let first_pass: BTreeSet<_> = dealt[..26].iter().cloned().collect();
        prop_assert_eq!(first_pass, all_ids(&bank));
    }
}

#[test]
fn the_same_seed_gives_the_same_order() {
    let bank = bank();
    assert_eq!(Deck::new(42, &bank), Deck::new(42, &bank));
    assert_ne!(Deck::new(42, &bank).order(), Deck::new(43, &bank).order());
    let mut a: Vec<u32> = (0..50).collect();
    let mut b = a.clone();
    fisher_yates(&mut a, &mut Pcg64Mcg::seed_from_u64(9));
    fisher_yates(&mut b, &mut Pcg64Mcg::seed_from_u64(9));
    assert_eq!(a, b);
}

#[test]
fn draws_deal_the_pass_in_order_and_five_by_default() {
    let bank = bank();
    let mut deck = Deck::new(1, &bank);
    let order = deck.order().to_vec();
    let hand = deck.draw(DEFAULT_HAND_SIZE, &bank, &DrawFilter::any());
    assert_eq!(hand, order[..5]);
    assert_eq!(deck.hand(), &order[..5]);
    assert_eq!(deck.position(), 5);
    assert_eq!(deck.remaining(&bank, &DrawFilter::any()), 21);
    let next = deck.another(&hand[2], &bank, &DrawFilter::any()).unwrap();
    assert_eq!(next, order[5]);
    assert_eq!(
        deck.hand()[2],
        order[5],
        "the new card takes the old one's place"
    );
    assert_eq!(deck.hand()[..2], order[..2]);
    assert_eq!(deck.another("b99", &bank, &DrawFilter::any()), None);
}

#[test]
fn a_new_pass_starts_with_the_derived_seed_when_the_deck_runs_out() {
    let bank = bank();
    let mut deck = Deck::new(5, &bank);
    let mut dealt = Vec::new();
    for _ in 0..5 {
        dealt.extend(deck.draw(5, &bank, &DrawFilter::any()));
    }
    assert_eq!(deck.pass(), 1);
    let hand = deck.draw(5, &bank, &DrawFilter::any());
    assert_eq!(deck.pass(), 2);
    assert_eq!(deck.seed(), next_seed(5));
    let unique: BTreeSet<_> = hand.iter().collect();
    assert_eq!(
        unique.len(),
        5,
        "no repeat within a hand across the pass boundary"
    );
    dealt.push(hand[0].clone());
    assert_eq!(dealt.iter().collect::<BTreeSet<_>>().len(), 26);
    // The rest of the hand came from the new pass, shuffled with the derived seed.
    let fresh = Deck::new(next_seed(5), &bank);
    let expected: Vec<_> = fresh
        .order()
        .iter()
        .filter(|id| **id != hand[0])
        .take(4)
        .cloned()
        .collect();
    assert_eq!(hand[1..], expected[..]);
    // A seed passed in is used as given.
    deck.reshuffle(&bank, Some(99));
    assert_eq!(deck.seed(), 99);
    assert_eq!(deck.order(), Deck::new(99, &bank).order());
    assert_eq!(deck.pass(), 3);
}

#[test]
fn category_filters_deal_only_that_category_and_leave_the_rest_for_later() {
    let bank = bank();
    let mut deck = Deck::new(3, &bank);
    let org = DrawFilter::only([Category::Organization]);
    let hand = deck.draw(5, &bank, &org);
    assert_eq!(
        hand.len(),
        3,
        "only three built-ins are about the organization"
    );
    let hand_set: BTreeSet<_> = hand.iter().cloned().collect();
    assert_eq!(
        hand_set,
        ["b08", "b16", "b23"]
            .map(String::from)
            .into_iter()
            .collect()
    );
    // Every other card is still to come in this pass, in its shuffled order.
    let rest: Vec<_> = Deck::new(3, &bank)
        .order()
        .iter()
        .filter(|id| !hand_set.contains(*id))
        .cloned()
        .collect();
    assert_eq!(deck.order()[3..], rest[..]);
    let mut others = Vec::new();
    for _ in 0..23 {
        others.extend(deck.draw(1, &bank, &DrawFilter::any()));
    }
    assert_eq!(others, rest);
    assert_eq!(deck.pass(), 1);

    let two = DrawFilter::only([Category::PeopleToTalkTo, Category::FieldAndTrends]);
    for _ in 0..10 {
        for id in deck.draw(4, &bank, &two) {
            let c = bank.visible_category(&id).unwrap();
            assert!(c == Category::PeopleToTalkTo || c == Category::FieldAndTrends);
        }
    }
}

#[test]
fn another_stays_in_the_filter_and_says_none_when_nothing_else_fits() {
    let bank = bank();
    let mut deck = Deck::new(11, &bank);
    let people = DrawFilter::only([Category::PeopleToTalkTo]);
    let hand = deck.draw(5, &bank, &people);
    assert_eq!(hand.len(), 2);
    assert_eq!(deck.another(&hand[0], &bank, &people), None);
    assert_eq!(deck.hand(), &hand[..]);
    let one = deck.draw(1, &bank, &people);
    let other = deck.another(&one[0], &bank, &people).unwrap();
    assert_ne!(other, one[0]);
    assert_eq!(
        bank.visible_category(&other),
        Some(Category::PeopleToTalkTo)
    );
}

#[test]
fn a_filter_that_passes_nothing_deals_nothing_and_keeps_the_pass() {
    let bank = bank();
    let mut deck = Deck::new(2, &bank);
    deck.draw(5, &bank, &DrawFilter::any());
    let everything = DrawFilter::any().excluding(bank.visible_ids());
    assert!(deck.draw(5, &bank, &everything).is_empty());
    assert_eq!(deck.pass(), 1);
    assert_eq!(deck.position(), 5);
}

#[test]
fn a_round_trip_mid_way_gives_the_same_next_draws() {
    let mut bank = bank();
    bank.add("What surprised you most?", Category::RoleAndDay)
        .unwrap();
    let mut deck = Deck::new(2024, &bank);
    deck.draw(5, &bank, &DrawFilter::any());
    deck.draw(3, &bank, &DrawFilter::only([Category::RoleAndDay]));
    let replaced = deck.hand()[1].clone();
    deck.another(&replaced, &bank, &DrawFilter::any());

    let json = serde_json::to_string(&deck).unwrap();
    let mut loaded: Deck = serde_json::from_str(&json).unwrap();
    assert_eq!(loaded, deck);
    for n in [5, 5, 5, 5, 5, 5, 2] {
        let filter = DrawFilter::any();
        assert_eq!(loaded.draw(n, &bank, &filter), deck.draw(n, &bank, &filter));
        let first = deck.hand()[0].clone();
        assert_eq!(
            loaded.another(&first, &bank, &filter),
            deck.another(&first, &bank, &filter)
        );
    }
    assert_eq!(loaded, deck);
    assert!(deck.pass() >= 2);
}

#[test]
fn an_empty_document_is_a_working_deck() {
    let bank = bank();
    let mut deck: Deck = serde_json::from_str("{}").unwrap();
    let hand = deck.draw(5, &bank, &DrawFilter::any());
    assert_eq!(hand.len(), 5);
    assert_eq!(deck.pass(), 1);
    assert_eq!(deck.order().len(), 26);
}

#[test]
fn a_damaged_document_is_repaired() {
    let bank = bank();
    let json = r#"{"seed":1,"pass":1,"order":["b01","b02","b01","gone","b03"],"position":99}"#;
    let mut deck: Deck = serde_json::from_str(json).unwrap();
    deck.sync(&bank);
    assert_eq!(deck.order().len(), 26);
    assert_eq!(&deck.order()[..3], ["b01", "b02", "b03"]);
    assert_eq!(deck.position(), 3);
    let hand = deck.draw(30, &bank, &DrawFilter::any());
    assert_eq!(hand.len(), 26);
    assert_eq!(&hand[..23].iter().collect::<BTreeSet<_>>().len(), &23);
    assert!(hand[..23]
        .iter()
        .all(|id| !["b01", "b02", "b03"].contains(&id.as_str())));
}

#[test]
fn questions_added_after_the_shuffle_come_in_this_pass() {
    let mut bank = bank();
    let mut deck = Deck::new(8, &bank);
    deck.draw(10, &bank, &DrawFilter::any());
    let a = bank
        .add("What are you reading?", Category::FieldAndTrends)
        .unwrap();
    let b = bank
        .add("Who should I follow?", Category::PeopleToTalkTo)
        .unwrap();
    assert_eq!(deck.remaining(&bank, &DrawFilter::any()), 18);
    let mut rest = Vec::new();
    for _ in 0..6 {
        rest.extend(deck.draw(3, &bank, &DrawFilter::any()));
    }
    assert_eq!(deck.pass(), 1);
    assert_eq!(rest.len(), 18);
    assert!(rest.contains(&a) && rest.contains(&b));
    assert_eq!(deck.position(), 28);
}

#[test]
fn hidden_and_deleted_questions_are_skipped() {
    let mut bank = bank();
    let own = bank
        .add("What is next for you?", Category::AdviceAndNextSteps)
        .unwrap();
    let mut deck = Deck::new(13, &bank);
    let hand = deck.draw(5, &bank, &DrawFilter::any());
    let to_come: Vec<_> = deck.order()[5..].to_vec();
    let is_builtin = |id: &&QuestionId| crate::questions::builtin(id).is_some();
    let hidden_later = to_come.iter().find(is_builtin).unwrap().clone();
    let hidden_in_hand = hand.iter().find(is_builtin).unwrap().clone();
    bank.hide(&hidden_later).unwrap();
    bank.hide(&hidden_in_hand).unwrap();
    bank.delete(&own).unwrap();

    let shown: Vec<_> = deck
        .hand_questions(&bank)
        .into_iter()
        .map(|q| q.id)
        .collect();
    let expected_hand: Vec<_> = hand
        .iter()
        .filter(|id| **id != hidden_in_hand && **id != own)
        .cloned()
        .collect();
    assert_eq!(shown, expected_hand);

    let mut dealt = Vec::new();
    while deck.pass() == 1 {
        dealt.extend(deck.draw(1, &bank, &DrawFilter::any()));
    }
    dealt.pop(); // the first card of pass 2
    let expected: Vec<_> = to_come
        .into_iter()
        .filter(|id| *id != hidden_later && *id != own)
        .collect();
    assert_eq!(dealt, expected);
    assert!(
        !deck.order().contains(&own),
        "a deleted question leaves the deck"
    );
    assert!(
        !deck.order().contains(&hidden_later),
        "the new pass leaves hidden questions out"
    );
}

#[test]
fn a_question_shown_again_comes_back_in_the_same_pass_unless_it_was_dealt() {
    let mut bank = bank();
    let mut deck = Deck::new(21, &bank);
    let hand = deck.draw(5, &bank, &DrawFilter::any());
    let later = deck.order()[10].clone();
    bank.hide(&later).unwrap();
    bank.hide(&hand[0]).unwrap();
    deck.draw(5, &bank, &DrawFilter::any());
    bank.unhide(&later).unwrap();
    bank.unhide(&hand[0]).unwrap();
    let mut rest = Vec::new();
    while deck.pass() == 1 {
        rest.extend(deck.draw(1, &bank, &DrawFilter::any()));
    }
    rest.pop();
    assert!(rest.contains(&later));
    assert!(!rest.contains(&hand[0]), "dealt in this pass already");
    assert_eq!(rest.len(), 16);
}

proptest! {
    #[test]
    fn a_reload_at_any_point_changes_nothing(
        seed in any::<u64>(),
        before in proptest::collection::vec((1usize..7, any::<bool>()), 0..12),
    ) {
        let bank = bank();
        let filter = DrawFilter::any();
        let mut deck = Deck::new(seed, &bank);
        for (n, replace) in before {
            let hand = deck.draw(n, &bank, &filter);
            if replace {
                deck.another(&hand[0], &bank, &filter);
            }
        }
        let mut loaded: Deck = serde_json::from_str(&serde_json::to_string(&deck).unwrap()).unwrap();
        prop_assert_eq!(&loaded, &deck);
        for _ in 0..8 {
            prop_assert_eq!(loaded.draw(5, &bank, &filter), deck.draw(5, &bank, &filter));
        }
    }
}
