/** SVG files imported from TypeScript arrive as their source text (the builder's asset/source). */
declare module '*.svg' {
  const svgstr: string;
  export default svgstr;
}
