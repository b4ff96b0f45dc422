// Temme's uniform asymptotic expansion of the incomplete gamma functions, in the form the
// Erlang formulas need it, for double precision (53-bit significands).
//
//   Q(a, x) = 1/2 erfc(eta sqrt(a/2)) + exp(-a eta^2/2) / sqrt(2 pi a) * S(eta, a),
//   P(a, x) = 1/2 erfc(-eta sqrt(a/2)) - exp(-a eta^2/2) / sqrt(2 pi a) * S(eta, a),
//   S(eta, a) = sum_k C_k(eta) a^-k,  lambda = x/a,  eta^2/2 = lambda - 1 - ln(lambda),
//   sign(eta) = sign(lambda - 1).
//
// Sources: N. M. Temme, "The asymptotic expansion of the incomplete gamma functions",
// SIAM J. Math. Anal. 10 (1979); A. R. DiDonato and A. H. Morris, "Computation of the
// incomplete gamma function ratios and their inverse", ACM TOMS 12 (1986), whose Taylor
// coefficients of C_k(eta) are tabulated below (the 53-bit set); DLMF 8.12.
// The tabulated polynomials hold for |lambda - 1| <= 0.4 and a >= 20: the truncation error
// of the series is below 1e-16 there.
#ifndef ERLANG_DETAIL_TEMME_HPP
#define ERLANG_DETAIL_TEMME_HPP

#include <boost/math/special_functions/erf.hpp>

#include <cmath>
#include <cstddef>

namespace erlang::detail {

/// Horner evaluation of c[0] + c[1] z + ... + c[N-1] z^(N-1).
template <std::size_t N>
constexpr double polynomial(const double (&c)[N], double z) noexcept {
  double r = c[N - 1];
  for (std::size_t i = N - 1; i-- > 0;) {
    r = r * z + c[i];
  }
  return r;
}

/// S(eta, a) = sum_{k=0}^{9} C_k(eta) a^-k.
inline double temme_series(double eta, double a) noexcept {
  static constexpr double c0[] = {
      -0.33333333333333333,   0.083333333333333333,    -0.014814814814814815,
      0.0011574074074074074,  0.0003527336860670194,   -0.00017875514403292181,
      0.39192631785224378e-4, -0.21854485106799922e-5, -0.185406221071516e-5,
      0.8296711340953086e-6,  -0.17665952736826079e-6, 0.67078535434014986e-8,
      0.10261809784240308e-7, -0.43820360184533532e-8, 0.91476995822367902e-9};
  static constexpr double c1[] = {
      -0.0018518518518518519,  -0.0034722222222222222, 0.0026455026455026455,
      -0.00099022633744855967, 0.00020576131687242798, -0.40187757201646091e-6,
      -0.18098550334489978e-4, 0.76491609160811101e-5, -0.16120900894563446e-5,
      0.46471278028074343e-8,  0.1378633446915721e-6,  -0.5752545603517705e-7,
      0.11951628599778147e-7};
  static constexpr double c2[] = {
      0.0041335978835978836,   -0.0026813271604938272,  0.00077160493827160494,
      0.20093878600823045e-5,  -0.00010736653226365161, 0.52923448829120125e-4,
      -0.12760635188618728e-4, 0.34235787340961381e-7,  0.13721957309062933e-5,
      -0.6298992138380055e-6,  0.14280614206064242e-6};
  static constexpr double c3[] = {
      0.00064943415637860082, 0.00022947209362139918,  -0.00046918949439525571,
      0.00026772063206283885, -0.75618016718839764e-4, -0.23965051138672967e-6,
      0.11082654115347302e-4, -0.56749528269915966e-5, 0.14230900732435884e-5};
  static constexpr double c4[] = {-0.0008618882909167117,  0.00078403922172006663,
                                  -0.00029907248030319018, -0.14638452578843418e-5,
                                  0.66414982154651222e-4,  -0.39683650471794347e-4,
                                  0.11375726970678419e-4};
  static constexpr double c5[] = {
      -0.00033679855336635815, -0.69728137583658578e-4, 0.00027727532449593921,
      -0.00019932570516188848, 0.67977804779372078e-4,  0.1419062920643967e-6,
      -0.13594048189768693e-4, 0.80184702563342015e-5,  -0.22914811765080952e-5};
  static constexpr double c6[] = {0.00053130793646399222,  -0.00059216643735369388,
                                  0.00027087820967180448,  0.79023532326603279e-6,
                                  -0.81539693675619688e-4, 0.56116827531062497e-4,
                                  -0.18329116582843376e-4};
  static constexpr double c7[] = {0.00034436760689237767, 0.51717909082605922e-4,
                                  -0.00033493161081142236, 0.0002812695154763237,
                                  -0.00010976582244684731};
  static constexpr double c8[] = {-0.00065262391859530942, 0.00083949872067208728,
                                  -0.00043829709854172101};
  constexpr double c9 = -0.00059676129019274625;

  const double w[] = {polynomial(c0, eta), polynomial(c1, eta),
                      polynomial(c2, eta), polynomial(c3, eta),
                      polynomial(c4, eta), polynomial(c5, eta),
                      polynomial(c6, eta), polynomial(c7, eta),
                      polynomial(c8, eta), c9};
  return polynomial(w, 1.0 / a);
}

/// ln(1 + s) - s for |s| <= 3/4, without cancellation: with u = s / (2 + s),
/// ln(1 + s) = 2 atanh(u), and s - 2u = s u exactly, so
/// ln(1 + s) - s = -(s u - 2 u^3 (1/3 + u^2/5 + u^4/7 + ...)). For s < 0 both terms have
/// one sign; for s > 0 the second is below a tenth of the first.
inline double log1pmx_small(double s) noexcept {
  const double u = s / (2.0 + s);
  const double u2 = u * u;
  // sum_{k>=0} u^(2k) / (2k + 3); |u| <= 0.6, so 40 terms reach 1e-18.
  static constexpr double c[] = {
      1.0 / 3,  1.0 / 5,  1.0 / 7,  1.0 / 9,  1.0 / 11, 1.0 / 13, 1.0 / 15, 1.0 / 17,
      1.0 / 19, 1.0 / 21, 1.0 / 23, 1.0 / 25, 1.0 / 27, 1.0 / 29, 1.0 / 31, 1.0 / 33,
      1.0 / 35, 1.0 / 37, 1.0 / 39, 1.0 / 41, 1.0 / 43, 1.0 / 45, 1.0 / 47, 1.0 / 49,
      1.0 / 51, 1.0 / 53, 1.0 / 55, 1.0 / 57, 1.0 / 59, 1.0 / 61, 1.0 / 63, 1.0 / 65,
      1.0 / 67, 1.0 / 69, 1.0 / 71, 1.0 / 73, 1.0 / 75, 1.0 / 77, 1.0 / 79, 1.0 / 81};
  return -(s * u - 2.0 * u * u2 * polynomial(c, u2));
}

/// phi(lambda) = lambda - 1 - ln(lambda) >= 0, given lambda and s = lambda - 1 (both, so
/// that the caller's exact s is used where it matters). Its relative error multiplies
/// a phi, the exponent of the Poisson term, so it is kept to a few ulps.
inline double temme_phi(double lambda, double s) noexcept {
  if (std::fabs(s) <= 0.75) {
    return -log1pmx_small(s);
  }
  return s - std::log(lambda);
}

/// phi(x / a) with the rounding of s = (x - a) / a itself corrected: s is carried as
/// s + s_low (two-sum and fma), and phi(s + s_low) = phi(s) + s_low s / (1 + s). Without
/// the correction the rounding of s alone costs up to 3 ulps of phi, and a phi (the
/// exponent of the Poisson term, up to a few hundred where B >= 1e-300) multiplies them.
inline double temme_phi_of(double x, double a) noexcept {
  const double d = x - a;
  if (std::fabs(d) > 0.75 * a) {
    // s - ln(lambda): the rounding of s is harmless there; ln(lambda) from the logarithms
    // of x and a when x / a underflows.
    const double lambda = x / a;
    return lambda > 1e-300 ? temme_phi(lambda, d / a) : d / a - (std::log(x) - std::log(a));
  }
  if (a > 0x1p1000) {
    // The two-sum below would overflow; phi depends only on x / a, and scaling both by
    // 1/4 is exact here (x >= a / 4).
    return temme_phi_of(x / 4, a / 4);
  }
  const double t = d - x;
  const double d_low = (x - (d - t)) + (-a - t);  // x - a = d + d_low exactly
  const double s = d / a;
  const double s_low = (std::fma(-s, a, d) + d_low) / a;
  return temme_phi(x / a, s) + s_low * s / (1 + s);
}

/// ln Gamma*(a) where Gamma(a) = sqrt(2 pi / a) (a/e)^a Gamma*(a): the Stirling series,
/// accurate to 1e-17 for a >= 20.
inline double log_gamma_star(double a) noexcept {
  const double r = 1.0 / a;
  const double r2 = r * r;
  static constexpr double c[] = {1.0 / 12,   -1.0 / 360,      1.0 / 1260, -1.0 / 1680,
                                 1.0 / 1188, -691.0 / 360360, 1.0 / 156};
  return r * polynomial(c, r2);
}

/// erfcx(y) = exp(y^2) erfc(y) for 0 <= y <= 4 (the callers keep y in that range): the
/// exponent is split so that exp(y^2) carries no rounding of y^2.
template <class Policy>
double erfcx_moderate(double y, const Policy& pol) {
  const double y2 = y * y;
  const double y2_low = std::fma(y, y, -y2);  // y^2 = y2 + y2_low exactly
  return std::exp(y2) * (1.0 + y2_low) * boost::math::erfc(y, pol);
}

}  // namespace erlang::detail

#endif  // ERLANG_DETAIL_TEMME_HPP
