//! Random choice that a seed makes reproducible.

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

use crate::model::Question;

/// A seed from the operating system, for draws the user did not seed.
pub fn fresh_seed() -> u64 {
    rand::random()
}

/// `count` distinct questions drawn uniformly from `pool`, in random order.
/// Xoshiro256++ is portable: the same seed gives the same draw on every platform and release.
pub fn draw(mut pool: Vec<&Question>, count: usize, seed: u64) -> Vec<&Question> {
    let mut rng = rng(seed);
    let count = count.min(pool.len());
    let (chosen, _) = pool.partial_shuffle(&mut rng, count);
    chosen.to_vec()
}

/// The generator every seeded choice uses, so a seed means the same thing everywhere.
pub fn rng(seed: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed)
}
