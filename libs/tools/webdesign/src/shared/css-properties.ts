// Unprefixed property names stylelint 18 knows: its css-tree lexer (mdn-data with
// @csstools syntax patches) plus its "previously known" list. property-no-unknown skips
// vendor-prefixed names by default, so they are not listed.

const NAMES =
  'accelerator accent-color align-content align-items align-self align-tracks alignment-baseline all ' +
  'alt anchor-name anchor-scope animation animation-composition animation-delay animation-delay-end ' +
  'animation-delay-start animation-direction animation-duration animation-fill-mode ' +
  'animation-iteration-count animation-name animation-play-state animation-range animation-range-center ' +
  'animation-range-end animation-range-start animation-timeline animation-timing-function ' +
  'animation-trigger animation-trigger-behavior animation-trigger-exit-range ' +
  'animation-trigger-exit-range-end animation-trigger-exit-range-start animation-trigger-range ' +
  'animation-trigger-range-end animation-trigger-range-start animation-trigger-timeline app-region ' +
  'appearance aspect-ratio audio-level backdrop-filter backface-visibility background ' +
  'background-attachment background-blend-mode background-clip background-color background-image ' +
  'background-origin background-position background-position-block background-position-inline ' +
  'background-position-x background-position-y background-repeat background-repeat-block ' +
  'background-repeat-inline background-repeat-x background-repeat-y background-size background-tbd ' +
  'baseline-shift baseline-source behavior block-ellipsis block-size block-step block-step-align ' +
  'block-step-insert block-step-round block-step-size bookmark-label bookmark-level bookmark-state ' +
  'border border-block border-block-clip border-block-color border-block-end border-block-end-clip ' +
  'border-block-end-color border-block-end-radius border-block-end-style border-block-end-width ' +
  'border-block-start border-block-start-clip border-block-start-color border-block-start-radius ' +
  'border-block-start-style border-block-start-width border-block-style border-block-width ' +
  'border-bottom border-bottom-clip border-bottom-color border-bottom-left-radius border-bottom-radius ' +
  'border-bottom-right-radius border-bottom-style border-bottom-width border-boundary border-clip ' +
  'border-collapse border-color border-end-end-radius border-end-start-radius border-image ' +
  'border-image-outset border-image-repeat border-image-slice border-image-source border-image-width ' +
  'border-inline border-inline-clip border-inline-color border-inline-end border-inline-end-clip ' +
  'border-inline-end-color border-inline-end-radius border-inline-end-style border-inline-end-width ' +
  'border-inline-start border-inline-start-clip border-inline-start-color border-inline-start-radius ' +
  'border-inline-start-style border-inline-start-width border-inline-style border-inline-width ' +
  'border-left border-left-clip border-left-color border-left-radius border-left-style ' +
  'border-left-width border-limit border-radius border-right border-right-clip border-right-color ' +
  'border-right-radius border-right-style border-right-width border-shape border-spacing ' +
  'border-start-end-radius border-start-start-radius border-style border-top border-top-clip ' +
  'border-top-color border-top-left-radius border-top-radius border-top-right-radius border-top-style ' +
  'border-top-width border-width bottom box-align box-decoration-break box-direction box-flex ' +
  'box-flex-group box-lines box-ordinal-group box-orient box-pack box-shadow box-shadow-blur ' +
  'box-shadow-color box-shadow-offset box-shadow-position box-shadow-spread box-sizing box-snap ' +
  'break-after break-before break-inside buffered-rendering caption-side caret caret-animation ' +
  'caret-color caret-shape chains clear clip clip-path clip-rule color color-adjust color-interpolation ' +
  'color-interpolation-filters color-profile color-rendering color-scheme column-count column-fill ' +
  'column-gap column-height column-progression column-rule column-rule-break column-rule-color ' +
  'column-rule-inset column-rule-inset-cap column-rule-inset-cap-end column-rule-inset-cap-start ' +
  'column-rule-inset-end column-rule-inset-junction column-rule-inset-junction-end ' +
  'column-rule-inset-junction-start column-rule-inset-start column-rule-outset column-rule-style ' +
  'column-rule-visibility-items column-rule-width column-span column-width column-wrap columns contain ' +
  'contain-intrinsic-block-size contain-intrinsic-height contain-intrinsic-inline-size ' +
  'contain-intrinsic-size contain-intrinsic-width container container-name container-type content ' +
  'content-visibility continue copy-into corner corner-block-end corner-block-end-shape ' +
  'corner-block-start corner-block-start-shape corner-bottom corner-bottom-left ' +
  'corner-bottom-left-shape corner-bottom-right corner-bottom-right-shape corner-bottom-shape ' +
  'corner-end-end corner-end-end-shape corner-end-start corner-end-start-shape corner-inline-end ' +
  'corner-inline-end-shape corner-inline-start corner-inline-start-shape corner-left corner-left-shape ' +
  'corner-right corner-right-shape corner-shape corner-start-end corner-start-end-shape ' +
  'corner-start-start corner-start-start-shape corner-top corner-top-left corner-top-left-shape ' +
  'corner-top-right corner-top-right-shape corner-top-shape counter-increment counter-reset counter-set ' +
  'cue cue-after cue-before cursor cx cy d direction display display-align dominant-baseline ' +
  'dynamic-range-limit elevation empty-cells enable-background epub-caption-side epub-hyphens ' +
  'epub-text-combine epub-text-emphasis epub-text-emphasis-color epub-text-emphasis-style ' +
  'epub-text-orientation epub-text-transform epub-word-break epub-writing-mode event-trigger ' +
  'event-trigger-name event-trigger-source field-sizing fill fill-break fill-color fill-image ' +
  'fill-opacity fill-origin fill-position fill-repeat fill-rule fill-size filter fit-tolerance flex ' +
  'flex-basis flex-direction flex-flow flex-grow flex-line-count flex-shrink flex-wrap float ' +
  'float-defer float-offset float-reference flood-color flood-opacity flow flow-from flow-into font ' +
  'font-family font-feature-settings font-kerning font-language-override font-optical-sizing ' +
  'font-palette font-size font-size-adjust font-smooth font-stretch font-style font-synthesis ' +
  'font-synthesis-position font-synthesis-small-caps font-synthesis-style font-synthesis-weight ' +
  'font-variant font-variant-alternates font-variant-caps font-variant-east-asian font-variant-emoji ' +
  'font-variant-ligatures font-variant-numeric font-variant-position font-variation-settings ' +
  'font-weight font-width footnote-display footnote-policy forced-color-adjust frame-sizing gap ' +
  'glyph-orientation-horizontal glyph-orientation-vertical grid grid-area grid-auto-columns ' +
  'grid-auto-flow grid-auto-rows grid-column grid-column-end grid-column-gap grid-column-start grid-gap ' +
  'grid-row grid-row-end grid-row-gap grid-row-start grid-template grid-template-areas ' +
  'grid-template-columns grid-template-rows hanging-punctuation height hyphenate-character ' +
  'hyphenate-limit-chars hyphenate-limit-last hyphenate-limit-lines hyphenate-limit-zone hyphens ' +
  'image-animation image-orientation image-rendering image-resolution ime-mode initial-letter ' +
  'initial-letter-align initial-letter-wrap inline-size inline-sizing input-format input-security inset ' +
  'inset-area inset-block inset-block-end inset-block-start inset-inline inset-inline-end ' +
  'inset-inline-start interactivity interest-delay interest-delay-end interest-delay-start ' +
  'interpolate-size isolation item-slack justify-content justify-items justify-self justify-tracks ' +
  'kerning layout-flow layout-grid layout-grid-char layout-grid-line layout-grid-mode layout-grid-type ' +
  'left letter-spacing lighting-color line-break line-clamp line-fit-edge line-grid line-height ' +
  'line-height-step line-increment line-padding line-snap link-parameters list-style list-style-image ' +
  'list-style-position list-style-type margin margin-block margin-block-end margin-block-start ' +
  'margin-bottom margin-break margin-inline margin-inline-end margin-inline-start margin-left ' +
  'margin-right margin-top margin-trim marker marker-end marker-knockout-left marker-knockout-right ' +
  'marker-mid marker-offset marker-pattern marker-segment marker-side marker-start mask mask-border ' +
  'mask-border-mode mask-border-outset mask-border-repeat mask-border-slice mask-border-source ' +
  'mask-border-width mask-clip mask-composite mask-image mask-mode mask-origin mask-position ' +
  'mask-position-x mask-position-y mask-repeat mask-size mask-source-type mask-type masonry-auto-flow ' +
  'math-depth math-shift math-style max-block-size max-height max-inline-size max-lines max-size ' +
  'max-width min-block-size min-height min-inline-size min-intrinsic-sizing min-size min-width ' +
  'mix-blend-mode motion motion-offset motion-path motion-rotation nav-down nav-index nav-left ' +
  'nav-right nav-up navigation object-fit object-position object-view-box offset offset-anchor ' +
  'offset-block-end offset-block-start offset-distance offset-inline-end offset-inline-start ' +
  'offset-path offset-position offset-rotate offset-rotation opacity order orphans outline ' +
  'outline-color outline-offset outline-style outline-width overflow overflow-anchor overflow-block ' +
  'overflow-clip-box overflow-clip-margin overflow-clip-margin-block overflow-clip-margin-block-end ' +
  'overflow-clip-margin-block-start overflow-clip-margin-bottom overflow-clip-margin-inline ' +
  'overflow-clip-margin-inline-end overflow-clip-margin-inline-start overflow-clip-margin-left ' +
  'overflow-clip-margin-right overflow-clip-margin-top overflow-inline overflow-wrap overflow-x ' +
  'overflow-y overlay overscroll-behavior overscroll-behavior-block overscroll-behavior-inline ' +
  'overscroll-behavior-x overscroll-behavior-y padding padding-block padding-block-end ' +
  'padding-block-start padding-bottom padding-inline padding-inline-end padding-inline-start ' +
  'padding-left padding-right padding-top page page-break-after page-break-before page-break-inside ' +
  'paint-order path-length pause pause-after pause-before pen-action perspective perspective-origin ' +
  'perspective-origin-x perspective-origin-y pitch pitch-range place-content place-items place-self ' +
  'play-during pointer-events pointer-timeline pointer-timeline-axis pointer-timeline-name position ' +
  'position-anchor position-area position-try position-try-fallbacks position-try-options ' +
  'position-try-order position-visibility print-color-adjust property-name quotes r reading-flow ' +
  'reading-order region-fragment resize rest rest-after rest-before richness right rotate row-gap ' +
  'row-rule row-rule-break row-rule-color row-rule-inset row-rule-inset-cap row-rule-inset-cap-end ' +
  'row-rule-inset-cap-start row-rule-inset-end row-rule-inset-junction row-rule-inset-junction-end ' +
  'row-rule-inset-junction-start row-rule-inset-start row-rule-outset row-rule-style ' +
  'row-rule-visibility-items row-rule-width ruby-align ruby-merge ruby-overhang ruby-position rule ' +
  'rule-break rule-color rule-inset rule-inset-cap rule-inset-end rule-inset-junction rule-inset-start ' +
  'rule-outset rule-overlap rule-paint-order rule-style rule-visibility-items rule-width running rx ry ' +
  'scale scroll-axis-lock scroll-behavior scroll-initial-target scroll-margin scroll-margin-block ' +
  'scroll-margin-block-end scroll-margin-block-start scroll-margin-bottom scroll-margin-inline ' +
  'scroll-margin-inline-end scroll-margin-inline-start scroll-margin-left scroll-margin-right ' +
  'scroll-margin-top scroll-marker-group scroll-padding scroll-padding-block scroll-padding-block-end ' +
  'scroll-padding-block-start scroll-padding-bottom scroll-padding-inline scroll-padding-inline-end ' +
  'scroll-padding-inline-start scroll-padding-left scroll-padding-right scroll-padding-top ' +
  'scroll-snap-align scroll-snap-coordinate scroll-snap-destination scroll-snap-margin ' +
  'scroll-snap-margin-bottom scroll-snap-margin-left scroll-snap-margin-right scroll-snap-margin-top ' +
  'scroll-snap-points-x scroll-snap-points-y scroll-snap-stop scroll-snap-type scroll-snap-type-x ' +
  'scroll-snap-type-y scroll-start-target scroll-target-group scroll-timeline scroll-timeline-axis ' +
  'scroll-timeline-name scrollbar-arrow-color scrollbar-base-color scrollbar-color ' +
  'scrollbar-dark-shadow-color scrollbar-darkshadow-color scrollbar-face-color scrollbar-gutter ' +
  'scrollbar-highlight-color scrollbar-shadow-color scrollbar-track-color scrollbar-width ' +
  'scrollbar3d-light-color scrollbar3dlight-color shape-image-threshold shape-inside shape-margin ' +
  'shape-outside shape-padding shape-rendering size slider-orientation snap-height solid-color ' +
  'solid-opacity spatial-navigation-action spatial-navigation-contain spatial-navigation-function speak ' +
  'speak-as speak-header speak-numeral speak-punctuation speech-rate stop-color stop-opacity stress ' +
  'string-set stroke stroke-align stroke-alignment stroke-break stroke-color stroke-dash-corner ' +
  'stroke-dash-justify stroke-dashadjust stroke-dasharray stroke-dashcorner stroke-dashoffset ' +
  'stroke-image stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity stroke-origin ' +
  'stroke-position stroke-repeat stroke-size stroke-width supported-color-schemes tab-size table-layout ' +
  'text-align text-align-all text-align-last text-anchor text-autospace text-box text-box-edge ' +
  'text-box-trim text-combine-upright text-decoration text-decoration-blink text-decoration-color ' +
  'text-decoration-inset text-decoration-line text-decoration-line-through text-decoration-none ' +
  'text-decoration-overline text-decoration-skip text-decoration-skip-box text-decoration-skip-ink ' +
  'text-decoration-skip-inset text-decoration-skip-self text-decoration-skip-spaces ' +
  'text-decoration-style text-decoration-thickness text-decoration-trim text-decoration-underline ' +
  'text-emphasis text-emphasis-color text-emphasis-position text-emphasis-skip text-emphasis-style ' +
  'text-fit text-group-align text-indent text-justify text-justify-trim text-kashida text-kashida-space ' +
  'text-line-through text-line-through-color text-line-through-mode text-line-through-style ' +
  'text-line-through-width text-orientation text-overflow text-overline text-overline-color ' +
  'text-overline-mode text-overline-style text-overline-width text-rendering text-shadow ' +
  'text-size-adjust text-spacing text-spacing-trim text-transform text-underline text-underline-color ' +
  'text-underline-mode text-underline-offset text-underline-position text-underline-style ' +
  'text-underline-width text-wrap text-wrap-mode text-wrap-style timeline-scope timeline-trigger ' +
  'timeline-trigger-activation-range timeline-trigger-activation-range-end ' +
  'timeline-trigger-activation-range-start timeline-trigger-active-range ' +
  'timeline-trigger-active-range-end timeline-trigger-active-range-start timeline-trigger-exit-range ' +
  'timeline-trigger-exit-range-end timeline-trigger-exit-range-start timeline-trigger-name ' +
  'timeline-trigger-range timeline-trigger-range-end timeline-trigger-range-start ' +
  'timeline-trigger-source top touch-action touch-action-delay transform transform-box transform-origin ' +
  'transform-origin-x transform-origin-y transform-origin-z transform-style transition ' +
  'transition-behavior transition-delay transition-duration transition-property ' +
  'transition-timing-function translate trigger-scope uc-alt-skin uc-skin unicode-bidi user-select ' +
  'vector-effect vertical-align view-timeline view-timeline-axis view-timeline-inset view-timeline-name ' +
  'view-transition-class view-transition-group view-transition-name view-transition-scope viewport-fill ' +
  'viewport-fill-opacity visibility voice-balance voice-duration voice-family voice-pitch voice-range ' +
  'voice-rate voice-stress voice-volume volume white-space white-space-collapse white-space-trim widows ' +
  'width will-change window-drag word-break word-space-transform word-spacing word-wrap wrap-after ' +
  'wrap-before wrap-flow wrap-inside wrap-through writing-mode x y z-index zoom ' +
  '';

let known: Set<string> | undefined;

export function isKnownProperty(name: string): boolean {
  known ??= new Set(NAMES.split(' ').filter(Boolean));
  return known.has(name.toLowerCase());
}
