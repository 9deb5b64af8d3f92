/**
 * The NN Lab icon: a tiny two-layer network. A LabIcon follows the theme (the `jp-icon3`
 * class in the SVG takes the theme's icon colour), so it reads on light and dark themes.
 */
import { LabIcon } from '@jupyterlab/ui-components';
import nnlabSvg from '../style/icons/nnlab.svg';

export const nnlabIcon = new LabIcon({ name: 'jupyterlab-nnlab:icon', svgstr: nnlabSvg });
