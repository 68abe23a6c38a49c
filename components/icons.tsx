/** Small stroke icons for the card (inline SVG: no font, no request). */
const paths = {
  views: 'M1.5 8s2.5-5 6.5-5 6.5 5 6.5 5-2.5 5-6.5 5S1.5 8 1.5 8Z M8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z',
  comments: 'M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z',
  collects: 'M8 2l1.8 3.7 4 .6-2.9 2.8.7 4L8 11.2 4.4 13.1l.7-4L2.2 6.3l4-.6z',
  likes: 'M5 7v6.5H2.5V7zm0 0 2.5-5a1.5 1.5 0 0 1 1.5 1.5V6h3.6a1 1 0 0 1 1 1.2l-1 5.5a1 1 0 0 1-1 .8H5',
  minutes: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM8 4.5V8l2.5 1.5',
  download: 'M8 2v8m-3.5-3.5L8 10l3.5-3.5M2.5 12.5v1h11v-1',
  copy: 'M5.5 5.5h8v8h-8z M3 10.5H2.5v-8h8V3',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      class="icon"
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      stroke-width="1.4"
      stroke-linejoin="round"
      stroke-linecap="round"
    >
      <path d={paths[name]} />
    </svg>
  );
}
