//! Small statistics for simulation reports: confidence intervals and percentiles.

/// A 95% Wilson score interval for `hits` out of `n`, as fractions.
pub fn wilson_interval(hits: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 0.0);
    }
    let z = 1.96f64;
    let n = n as f64;
    let p = hits as f64 / n;
    let denominator = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denominator;
    let half = z * ((p * (1.0 - p) + z * z / (4.0 * n)) / n).sqrt() / denominator;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Mean and the half-width of its 95% confidence interval (normal approximation).
pub fn mean_interval(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let mean = values.iter().sum::<f64>() / n;
    if values.len() < 2 {
        return (mean, 0.0);
    }
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, 1.96 * (variance / n).sqrt())
}

/// The `q`-th quantile (0–1) of unsorted values, nearest rank.
pub fn quantile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    values[rank - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_brackets_the_rate() {
        let (low, high) = wilson_interval(50, 100);
        assert!(
            low < 0.5 && high > 0.5 && low > 0.39 && high < 0.61,
            "{low} {high}"
        );
        assert_eq!(wilson_interval(0, 0), (0.0, 0.0));
    }

    #[test]
    fn quantiles_by_nearest_rank() {
        let mut v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(quantile(&mut v, 0.5), 50.0);
        assert_eq!(quantile(&mut v, 0.95), 95.0);
        assert_eq!(quantile(&mut v, 1.0), 100.0);
    }

    #[test]
    fn mean_interval_shrinks_with_more_data() {
        let few = mean_interval(&[1.0, 3.0, 1.0, 3.0]);
        let many: Vec<f64> = (0..400)
            .map(|i| if i % 2 == 0 { 1.0 } else { 3.0 })
            .collect();
        let many = mean_interval(&many);
        assert_eq!(few.0, 2.0);
        assert!(many.1 < few.1);
    }
}
