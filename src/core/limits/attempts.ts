/** Wrong guesses allowed per link; the cap per address over all its links is `guessLimit` (S27). */

/** Wrong codes allowed per link before the code dies (S06). */
export const MAX_CODE_ATTEMPTS = 5;
/** Wrong approval numbers allowed per request before it dies (S26). */
export const MAX_APPROVAL_ATTEMPTS = 3;
