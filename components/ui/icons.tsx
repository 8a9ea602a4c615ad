// Small stroke icons (16×16 grid), decorative: callers give the button its accessible name.
type P = { className?: string };
const base = { viewBox: "0 0 16 16", fill: "none", stroke: "currentColor", strokeWidth: 1.5, strokeLinecap: "round", strokeLinejoin: "round", "aria-hidden": true } as const;

export const PlusIcon = ({ className = "size-4" }: P) => (
  <svg {...base} className={className}><path d="M8 3v10M3 8h10" /></svg>
);
export const SearchIcon = ({ className = "size-4" }: P) => (
  <svg {...base} className={className}><circle cx="7" cy="7" r="4.5" /><path d="M10.5 10.5L14 14" /></svg>
);
export const MenuIcon = ({ className = "size-5" }: P) => (
  <svg {...base} className={className}><path d="M2.5 4h11M2.5 8h11M2.5 12h11" /></svg>
);
export const CloseIcon = ({ className = "size-4" }: P) => (
  <svg {...base} className={className}><path d="M4 4l8 8M12 4l-8 8" /></svg>
);
export const DotsIcon = ({ className = "size-4" }: P) => (
  <svg viewBox="0 0 16 16" fill="currentColor" aria-hidden className={className}><circle cx="3.5" cy="8" r="1.2" /><circle cx="8" cy="8" r="1.2" /><circle cx="12.5" cy="8" r="1.2" /></svg>
);
export const PinIcon = ({ className = "size-3.5" }: P) => (
  <svg {...base} className={className}><path d="M6 2.5h4M7 2.5v4L4.5 9h7L9 6.5v-4M8 9v4.5" /></svg>
);
export const GearIcon = ({ className = "size-4" }: P) => (
  <svg {...base} className={className}><circle cx="8" cy="8" r="2" /><path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" /></svg>
);
export const KeyboardIcon = ({ className = "size-4" }: P) => (
  <svg {...base} className={className}><rect x="1.5" y="4" width="13" height="8" rx="1.5" /><path d="M4 7h.01M6.5 7h.01M9 7h.01M11.5 7h.01M5 9.5h6" /></svg>
);
