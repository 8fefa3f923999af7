let context: AudioContext | null = null;

/**
 * Two short beeps, made on the spot with the Web Audio API (no sound file to
 * fetch): a critical request has arrived. Browsers play sound only once the
 * user has interacted with the page; before that, or on a device without
 * audio, it stays silent and the badge and the announcement still tell.
 */
export function playAlertTone(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const start = context.currentTime;
    for (const offset of [0, 0.25]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.2);
    }
  } catch {
    // No Web Audio here: silence.
  }
}
