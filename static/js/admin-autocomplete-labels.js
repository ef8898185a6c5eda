/* The admin's autocomplete fields (select2 4.0) type into a search box that has no accessible
   name, which screen readers announce as an unlabelled field (axe: "label", WCAG 4.1.2).
   Give each such box the text of its field's <label>. Loaded on every admin page by
   templates/admin/base_site.html; a file, not inline code, as the Content-Security-Policy asks. */
'use strict';
{
    const labelSearchBoxes = () => {
        for (const box of document.querySelectorAll('.select2-search__field:not([aria-label])')) {
            const container = box.closest('.select2-container');
            // select2 puts its container right after the <select> it replaces; an open dropdown
            // is elsewhere, so it is found through the element that owns it.
            let select = container && container.previousElementSibling;
            if (!select || select.tagName !== 'SELECT') {
                const owner = document.querySelector('.select2-container--open .select2-selection[aria-owns]');
                select = owner && owner.closest('.select2-container').previousElementSibling;
            }
            const label = select && select.id && document.querySelector(`label[for="${select.id}"]`);
            if (label) {
                box.setAttribute('aria-label', label.textContent.trim().replace(/:$/, ''));
            }
        }
    };
    // The closed single-choice box (role="combobox") and its textbox are named by the choice
    // they show, which is nothing while none is chosen (axe: "aria-input-field-name"): name it by its label too.
    const labelSelections = () => {
        for (const box of document.querySelectorAll('.select2-selection[role="combobox"]:not([aria-label])')) {
            const select = box.closest('.select2-container')?.previousElementSibling;
            const label = select && select.id && document.querySelector(`label[for="${select.id}"]`);
            if (label) {
                const name = label.textContent.trim().replace(/:$/, '');
                box.setAttribute('aria-label', name);
                // and the textbox inside it that shows the choice
                box.querySelector('.select2-selection__rendered[role="textbox"]')?.setAttribute('aria-label', name);
            }
        }
    };
    // A multiple-choice box lists its choices in a <ul>, with its "clear all" cross as a <span>
    // among them: a list may hold only list items (axe: "list", WCAG 1.3.1). The cross is one
    // more item of that list, as far as assistive technology is concerned.
    const fixChoiceLists = () => {
        for (const cross of document.querySelectorAll('ul.select2-selection__rendered > span:not([role])')) {
            cross.setAttribute('role', 'listitem');
        }
    };
    // select2 draws the boxes after the page loads and redraws them on every choice.
    new MutationObserver(() => { labelSearchBoxes(); labelSelections(); fixChoiceLists(); }).observe(document.documentElement, {childList: true, subtree: true});
}
