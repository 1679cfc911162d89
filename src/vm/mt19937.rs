//! CPython's Mersenne Twister (`Modules/_randommodule.c`), bit for bit: seeding from an int
//! (`init_by_array` over the 32-bit little-endian words of `abs(n)`), seeding from a str
//! (version 2: the UTF-8 bytes followed by their SHA-512 digest, read as a big-endian int),
//! `genrand_res53`, `getrandbits` and `Random._randbelow_with_getrandbits`.

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};
use parking_lot::Mutex;

/// One generator's state: the Mersenne Twister and `gauss`'s saved second value. The module's
/// functions share the interpreter's (CPython's hidden `random._inst`); each `Random(seed)`
/// instance has its own. Each lock is held for one draw, never across a call into Python.
pub struct RandomState {
    pub mt: Mutex<Mt19937>,
    pub gauss_next: Mutex<Option<f64>>,
    /// A `SystemRandom`: seeded from the OS's entropy, no state to get or set.
    pub system: bool,
}

impl RandomState {
    pub fn new(mt: Mt19937) -> Self {
        RandomState {
            mt: Mutex::new(mt),
            gauss_next: Mutex::new(None),
            system: false,
        }
    }
}

pub const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The generator state: 624 words and the index of the next one to temper.
#[derive(Clone, Debug)]
pub struct Mt19937 {
    state: Box<[u32; N]>,
    index: usize,
}

impl Mt19937 {
    fn init_genrand(s: u32) -> Self {
        let mut mt = Box::new([0u32; N]);
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1_812_433_253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        Mt19937 {
            state: mt,
            index: N,
        }
    }

    fn init_by_array(key: &[u32]) -> Self {
        let mut g = Self::init_genrand(19_650_218);
        let mt = &mut g.state;
        let key_length = key.len().max(1);
        let mut i = 1usize;
        let mut j = 0usize;
        let mut k = N.max(key_length);
        while k > 0 {
            let kj = key.get(j).copied().unwrap_or(0);
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(kj)
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key_length {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x8000_0000;
        g.index = N;
        g
    }

    /// `random.seed(n)` for an int: the absolute value's 32-bit words, least significant
    /// first (`0` seeds with the one-word key `[0]`).
    pub fn from_int_seed(n: &BigInt) -> Self {
        let mut key: Vec<u32> = n.abs().to_u32_digits().1;
        if key.is_empty() {
            key.push(0);
        }
        Self::init_by_array(&key)
    }

    /// `random.seed(s)` for a str (version 2).
    pub fn from_str_seed(s: &str) -> Self {
        let mut bytes = s.as_bytes().to_vec();
        bytes.extend_from_slice(&sha512(s.as_bytes()));
        Self::from_int_seed(&BigInt::from_bytes_be(Sign::Plus, &bytes))
    }

    /// `getstate()`'s words and index (CPython's `random_getstate`: 624 words, then the index).
    pub fn words(&self) -> (&[u32; N], usize) {
        (&self.state, self.index)
    }

    /// `setstate()`: the generator with these words and index (`index <= 624`, checked by
    /// the caller).
    pub fn from_words(words: [u32; N], index: usize) -> Self {
        Mt19937 {
            state: Box::new(words),
            index: index.min(N),
        }
    }

    fn generate(&mut self) {
        let mt = &mut self.state;
        let mag01 = |y: u32| if y & 1 != 0 { MATRIX_A } else { 0 };
        for kk in 0..N - M {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag01(y);
        }
        for kk in N - M..N - 1 {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag01(y);
        }
        let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag01(y);
        self.index = 0;
    }

    /// One tempered 32-bit output.
    pub fn genrand_u32(&mut self) -> u32 {
        if self.index >= N {
            self.generate();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `random.random()`: `genrand_res53`.
    pub fn random(&mut self) -> f64 {
        let a = self.genrand_u32() >> 5;
        let b = self.genrand_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `random.getrandbits(k)`.
    pub fn getrandbits(&mut self, k: u32) -> BigInt {
        if k == 0 {
            return BigInt::zero();
        }
        if k <= 32 {
            return BigInt::from(self.genrand_u32() >> (32 - k));
        }
        let words = (k - 1) / 32 + 1;
        let mut out = Vec::with_capacity(words as usize);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.genrand_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out.push(r);
            left = left.saturating_sub(32);
        }
        BigInt::from_slice(Sign::Plus, &out)
    }

    /// `Random._randbelow_with_getrandbits(n)`: uniform in `[0, n)`; `n <= 0` gives 0.
    pub fn randbelow(&mut self, n: &BigInt) -> BigInt {
        if !n.is_positive() {
            return BigInt::zero();
        }
        let k = u32::try_from(n.bits()).unwrap_or(u32::MAX);
        loop {
            let r = self.getrandbits(k);
            if &r < n {
                return r;
            }
        }
    }
}

const K512: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

/// SHA-512 of `data` (FIPS 180-4).
pub fn sha512(data: &[u8]) -> [u8; 64] {
    let mut h: [u64; 8] = [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 128 != 112 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u128) * 8).to_be_bytes());
    for block in msg.chunks_exact(128) {
        let mut w = [0u64; 80];
        for (t, chunk) in block.chunks_exact(8).enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            w[t] = u64::from_be_bytes(b);
        }
        for t in 16..80 {
            let s0 = w[t - 15].rotate_right(1) ^ w[t - 15].rotate_right(8) ^ (w[t - 15] >> 7);
            let s1 = w[t - 2].rotate_right(19) ^ w[t - 2].rotate_right(61) ^ (w[t - 2] >> 6);
            w[t] = w[t - 16]
                .wrapping_add(s0)
                .wrapping_add(w[t - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for t in 0..80 {
            let s1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K512[t])
                .wrapping_add(w[t]);
            let s0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(v);
        }
    }
    let mut out = [0u8; 64];
    for (chunk, x) in out.chunks_exact_mut(8).zip(h) {
        chunk.copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded(n: i64) -> Mt19937 {
        Mt19937::from_int_seed(&BigInt::from(n))
    }

    #[test]
    fn seed_42_random() {
        let mut g = seeded(42);
        let v: Vec<f64> = (0..3).map(|_| g.random()).collect();
        assert_eq!(
            v,
            [
                0.6394267984578837,
                0.025010755222666936,
                0.27502931836911926
            ]
        );
    }

    #[test]
    fn seed_1_getrandbits_70() {
        let mut g = seeded(1);
        assert_eq!(g.getrandbits(70).to_string(), "1006624138111981302261");
    }

    #[test]
    fn seed_12345_randint() {
        let mut g = seeded(12345);
        let v: Vec<String> = (0..10)
            .map(|_| (g.randbelow(&BigInt::from(100)) + BigInt::from(1)).to_string())
            .collect();
        assert_eq!(
            v,
            ["54", "94", "2", "39", "48", "25", "35", "73", "56", "21"]
        );
    }

    #[test]
    fn seed_str() {
        assert_eq!(Mt19937::from_str_seed("hello").random(), 0.3537754404730722);
        assert_eq!(Mt19937::from_str_seed("").random(), 0.9602256525641875);
        let s = "héllo wörld".repeat(20);
        assert_eq!(Mt19937::from_str_seed(&s).random(), 0.09809670350515387);
    }

    #[test]
    fn seed_0() {
        let mut g = seeded(0);
        assert_eq!(g.random(), 0.8444218515250481);
        assert_eq!(g.getrandbits(32).to_string(), "3255389356");
        assert_eq!(g.getrandbits(64).to_string(), "7758176404715800194");
    }

    #[test]
    fn big_seed() {
        let n = (BigInt::from(1) << 100) + 7;
        let mut g = Mt19937::from_int_seed(&n);
        assert_eq!(g.random(), 0.41604161323913513);
        let big: BigInt = "1000000000000000000000000000000".parse().unwrap();
        assert_eq!(
            g.randbelow(&big).to_string(),
            "440244801203883525121895751350"
        );
    }

    #[test]
    fn negative_seed_uses_abs() {
        assert_eq!(seeded(-5).random(), 0.6229016948897019);
    }

    #[test]
    fn shuffle_matches() {
        let mut g = seeded(7);
        let mut x: Vec<usize> = (0..10).collect();
        for i in (1..x.len()).rev() {
            let j = g
                .randbelow(&BigInt::from(i + 1))
                .to_string()
                .parse()
                .unwrap();
            x.swap(i, j);
        }
        assert_eq!(x, [8, 3, 1, 4, 7, 0, 9, 6, 2, 5]);
    }

    #[test]
    fn sha512_known() {
        let d = sha512(b"abc");
        assert_eq!(d[0], 0xdd);
        assert_eq!(d[63], 0x9f);
    }
}
