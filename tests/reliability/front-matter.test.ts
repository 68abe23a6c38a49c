/** The YAML front matter gives back hostile strings exactly, at full size (tests/front-matter-property.ts). */
import { describeFrontMatter } from '../front-matter-property';

describeFrontMatter(2000);
