//! Choosing an interview kit: questions per round so that competencies and tags do not repeat.

use std::collections::HashMap;

use rand::RngExt;
use rand::seq::SliceRandom;

use super::draw;
use crate::model::{Competency, Question, Round};

/// Whole kits tried per seed at most; the one with the fewest repeats wins.
const ATTEMPTS: usize = 32;
/// Candidates weighed for one slot; enough to find a fresh one in corpora of any size.
const SCAN_LIMIT: usize = 500;
/// Candidates weighed over all attempts: big kits from big corpora try fewer whole kits.
const WORK_LIMIT: usize = 500_000;

/// What the interviewer asked for.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The rounds, in the order the kit shows them.
    pub rounds: Vec<Round>,
    /// Questions wanted per round; pinned questions count towards it.
    pub per_round: usize,
    /// Rounds that want another number than `per_round`.
    pub per_round_for: Vec<(Round, usize)>,
    /// Questions that must be in the kit, whatever else is chosen.
    pub pinned: Vec<&'a Question>,
    pub seed: u64,
}

impl Request<'_> {
    /// How many questions `round` wants.
    pub fn wanted(&self, round: Round) -> usize {
        self.per_round_for.iter().find(|(r, _)| *r == round).map_or(self.per_round, |(_, n)| *n)
    }
}

/// A short, stable fingerprint of questions' content (FNV-1a over their JSON): the same
/// questions give the same 16 hex digits on every machine and every Rust version, and a change
/// to any field changes it.
pub fn fingerprint<'a>(questions: impl IntoIterator<Item = &'a Question>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for question in questions {
        for byte in serde_json::to_vec(question).unwrap_or_default().into_iter().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// A chosen kit: rounds in order, each with its questions.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan<'a> {
    pub rounds: Vec<RoundPlan<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoundPlan<'a> {
    pub round: Round,
    /// How many questions the round should have had.
    pub wanted: usize,
    /// Pinned questions first, then the drawn ones.
    pub picks: Vec<Pick<'a>>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pick<'a> {
    pub question: &'a Question,
    pub pinned: bool,
}

impl<'a> Plan<'a> {
    pub fn picks(&self) -> impl Iterator<Item = &Pick<'a>> {
        self.rounds.iter().flat_map(|r| &r.picks)
    }

    pub fn len(&self) -> usize {
        self.picks().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Competencies assessed by more than one question, most repeated first.
    pub fn repeated_competencies(&self) -> Vec<(Competency, usize)> {
        let mut counts: Vec<(Competency, usize)> = Vec::new();
        for competency in self.picks().filter_map(|p| p.question.competency) {
            match counts.iter_mut().find(|(c, _)| *c == competency) {
                Some((_, n)) => *n += 1,
                None => counts.push((competency, 1)),
            }
        }
        counts.retain(|(_, n)| *n > 1);
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        counts
    }
}

/// The kit for `request`, drawn from `pool` (pinned questions need not be in it).
/// Deterministic: the same pool, request and seed give the same plan on every platform.
pub fn plan<'a>(pool: &[&'a Question], request: &Request<'a>) -> Plan<'a> {
    let rounds = kit_rounds(request);
    let pinned_ids: Vec<u64> = request.pinned.iter().map(|q| q.id).collect();
    let candidates: Vec<Vec<&'a Question>> = rounds
        .iter()
        .map(|&round| {
            pool.iter().copied().filter(|q| q.round == round && !pinned_ids.contains(&q.id)).collect()
        })
        .collect();
    let pins: Vec<Vec<&'a Question>> = rounds
        .iter()
        .map(|&round| request.pinned.iter().copied().filter(|q| q.round == round).collect())
        .collect();
    let slots: Vec<usize> = (0..rounds.len())
        .flat_map(|i| {
            let free = request.wanted(rounds[i]).saturating_sub(pins[i].len()).min(candidates[i].len());
            std::iter::repeat_n(i, free)
        })
        .collect();

    let per_attempt: usize = slots.iter().map(|&i| candidates[i].len().min(SCAN_LIMIT)).sum();
    let attempts = (WORK_LIMIT / per_attempt.max(1)).clamp(1, ATTEMPTS);
    let mut rng = draw::rng(request.seed);
    let mut best: Option<(Cost, Vec<Vec<&'a Question>>)> = None;
    for _ in 0..attempts {
        let (cost, drawn) = attempt(&candidates, &pins, &slots, &mut rng);
        let better = best.as_ref().is_none_or(|(best_cost, _)| cost < *best_cost);
        if better {
            best = Some((cost, drawn));
        }
        if cost == Cost::default() {
            break;
        }
    }
    let drawn = best.map(|(_, drawn)| drawn).unwrap_or_else(|| vec![Vec::new(); rounds.len()]);
    let rounds = rounds
        .iter()
        .zip(pins)
        .zip(drawn)
        .map(|((&round, pins), drawn)| RoundPlan {
            round,
            wanted: request.wanted(round).max(pins.len()),
            picks: pins
                .into_iter()
                .map(|question| Pick { question, pinned: true })
                .chain(drawn.into_iter().map(|question| Pick { question, pinned: false }))
                .collect(),
        })
        .collect();
    Plan { rounds }
}

/// The requested rounds without duplicates, then any round only a pinned question brings.
fn kit_rounds(request: &Request) -> Vec<Round> {
    let mut rounds: Vec<Round> = Vec::new();
    for &round in &request.rounds {
        if !rounds.contains(&round) {
            rounds.push(round);
        }
    }
    let mut extra: Vec<Round> =
        request.pinned.iter().map(|q| q.round).filter(|r| !rounds.contains(r)).collect();
    extra.sort();
    extra.dedup();
    rounds.extend(extra);
    rounds
}

/// Repeats in a kit, compared competencies first: (competency repeats, tag repeats).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Cost {
    competencies: usize,
    tags: usize,
}

/// What a kit already assesses, to price the next question.
#[derive(Default)]
struct Seen<'a> {
    competencies: HashMap<Competency, usize>,
    tags: HashMap<&'a str, usize>,
}

impl<'a> Seen<'a> {
    fn add(&mut self, question: &'a Question) {
        if let Some(c) = question.competency {
            *self.competencies.entry(c).or_default() += 1;
        }
        for tag in &question.tags {
            *self.tags.entry(tag).or_default() += 1;
        }
    }

    /// How many repeats adding `question` would make.
    fn price(&self, question: &Question) -> Cost {
        Cost {
            competencies: question.competency.and_then(|c| self.competencies.get(&c)).copied().unwrap_or(0),
            tags: question.tags.iter().map(|t| self.tags.get(t.as_str()).copied().unwrap_or(0)).sum(),
        }
    }

    fn cost(&self) -> Cost {
        let repeats = |n: &usize| n.saturating_sub(1);
        Cost {
            competencies: self.competencies.values().map(repeats).sum(),
            tags: self.tags.values().map(repeats).sum(),
        }
    }
}

/// One greedy kit: slots filled in a random order, each with the cheapest of its
/// candidates met in a random order (the first cheapest wins, so ties are random).
fn attempt<'a>(
    candidates: &[Vec<&'a Question>],
    pins: &[Vec<&'a Question>],
    slots: &[usize],
    rng: &mut impl rand::Rng,
) -> (Cost, Vec<Vec<&'a Question>>) {
    let mut seen = Seen::default();
    for question in pins.iter().flatten() {
        seen.add(question);
    }
    let mut left: Vec<Vec<&'a Question>> = candidates.to_vec();
    let mut drawn: Vec<Vec<&'a Question>> = vec![Vec::new(); candidates.len()];
    let mut order = slots.to_vec();
    order.shuffle(rng);
    for round in order {
        let pool = &mut left[round];
        let mut best: Option<(Cost, usize)> = None;
        let scan = pool.len().min(SCAN_LIMIT);
        for i in 0..scan {
            let j = rng.random_range(i..pool.len());
            pool.swap(i, j);
            let price = seen.price(pool[i]);
            if best.is_none_or(|(cost, _)| price < cost) {
                best = Some((price, i));
            }
            if price == Cost::default() {
                break;
            }
        }
        if let Some((_, i)) = best {
            let question = pool.swap_remove(i);
            seen.add(question);
            drawn[round].push(question);
        }
    }
    (seen.cost(), drawn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: u64, round: Round, competency: Competency, tags: &[&str]) -> Question {
        Question {
            competency: Some(competency),
            tags: tags.iter().map(std::string::ToString::to_string).collect(),
            ..Question::sample(id, round)
        }
    }

    /// Two rounds where a careless order repeats a competency: round B can only be
    /// `ownership`, round A offers `ownership` or `communication`.
    fn tight() -> Vec<Question> {
        vec![
            question(1, Round::PhoneScreen, Competency::Ownership, &["a"]),
            question(2, Round::PhoneScreen, Competency::Communication, &["b"]),
            question(3, Round::Behavioural, Competency::Ownership, &["c"]),
            question(4, Round::Behavioural, Competency::Ownership, &["d"]),
        ]
    }

    fn request<'a>(rounds: &[Round], per_round: usize, seed: u64) -> Request<'a> {
        Request { rounds: rounds.to_vec(), per_round, per_round_for: vec![], pinned: vec![], seed }
    }

    fn ids(plan: &Plan) -> Vec<u64> {
        plan.picks().map(|p| p.question.id).collect()
    }

    #[test]
    fn same_seed_same_kit_and_seeds_vary_it() {
        let questions: Vec<Question> = (1..=40)
            .map(|id| question(id, Round::ALL[id as usize % 5], Competency::ALL[id as usize % 9], &["x"]))
            .collect();
        let pool: Vec<&Question> = questions.iter().collect();
        let kit = |seed| ids(&plan(&pool, &request(&Round::ALL, 2, seed)));
        assert_eq!(kit(7), kit(7));
        assert_eq!(kit(7).len(), 10);
        assert!((0..10).any(|seed| kit(seed) != kit(7)), "different seeds should give different kits");
    }

    #[test]
    fn competencies_do_not_repeat_when_the_pool_allows_it() {
        let questions = tight();
        let pool: Vec<&Question> = questions.iter().collect();
        for seed in 0..200 {
            let kit = plan(&pool, &request(&[Round::PhoneScreen, Round::Behavioural], 1, seed));
            assert!(kit.repeated_competencies().is_empty(), "seed {seed}: {:?}", ids(&kit));
            assert_eq!(kit.picks().next().map(|p| p.question.id), Some(2), "seed {seed}");
        }
    }

    #[test]
    fn tags_do_not_repeat_when_the_pool_allows_it() {
        let questions = [
            question(1, Round::SystemDesign, Competency::SystemDesign, &["caching"]),
            question(2, Round::SystemDesign, Competency::TechnicalDepth, &["caching", "queues"]),
            question(3, Round::SystemDesign, Competency::Pragmatism, &["storage"]),
        ];
        let pool: Vec<&Question> = questions.iter().collect();
        for seed in 0..100 {
            let mut kit = ids(&plan(&pool, &request(&[Round::SystemDesign], 2, seed)));
            kit.sort();
            assert!(kit == [1, 3] || kit == [2, 3], "seed {seed}: {kit:?}");
        }
    }

    #[test]
    fn a_repeat_is_accepted_only_when_unavoidable() {
        let questions = tight();
        let pool: Vec<&Question> = questions.iter().collect();
        let kit = plan(&pool, &request(&[Round::Behavioural], 2, 1));
        assert_eq!(kit.repeated_competencies(), [(Competency::Ownership, 2)]);
    }

    #[test]
    fn pinned_questions_are_kept_count_towards_the_round_and_bring_their_round() {
        let questions = tight();
        let pool: Vec<&Question> = questions.iter().collect();
        let pinned = vec![&questions[2]];
        for seed in 0..50 {
            let kit = plan(
                &pool,
                &Request {
                    rounds: vec![Round::PhoneScreen],
                    per_round: 1,
                    per_round_for: vec![],
                    pinned: pinned.clone(),
                    seed,
                },
            );
            let rounds: Vec<Round> = kit.rounds.iter().map(|r| r.round).collect();
            assert_eq!(rounds, [Round::PhoneScreen, Round::Behavioural]);
            assert_eq!(ids(&kit), [2, 3], "the pin's ownership steers round one to communication");
            assert!(kit.rounds[1].picks[0].pinned);
        }
    }

    #[test]
    fn a_short_round_takes_what_there_is_and_says_what_it_wanted() {
        let questions = tight();
        let pool: Vec<&Question> = questions.iter().collect();
        let kit = plan(&pool, &request(&[Round::PhoneScreen, Round::Leadership], 3, 5));
        assert_eq!(kit.rounds[0].picks.len(), 2);
        assert_eq!(kit.rounds[0].wanted, 3);
        assert!(kit.rounds[1].picks.is_empty());
        assert_eq!(kit.len(), 2);
    }

    #[test]
    fn rounds_keep_the_requested_order_without_duplicates() {
        let questions = tight();
        let pool: Vec<&Question> = questions.iter().collect();
        let kit = plan(&pool, &request(&[Round::Behavioural, Round::PhoneScreen, Round::Behavioural], 1, 3));
        let rounds: Vec<Round> = kit.rounds.iter().map(|r| r.round).collect();
        assert_eq!(rounds, [Round::Behavioural, Round::PhoneScreen]);
    }
}
