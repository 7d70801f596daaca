/** DKFDS icons from the package's SVG sprite, served from our own origin. */
export function Icon({ name, label }: { name: string; label?: string }) {
  return (
    <svg class="icon-svg" focusable="false" aria-hidden={label ? undefined : 'true'} aria-label={label} role={label ? 'img' : undefined}>
      <use href={`/static/dkfds/img/all-svg-icons.svg#${name}`}></use>
    </svg>
  );
}
