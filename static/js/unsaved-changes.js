/* Asks before leaving the practice form with changes that are not saved: the browser's own
   "Leave site?" question (beforeunload). Pressing one of the form's buttons saves, so it does not
   ask then. After a save that failed (the page shows errors), what the form holds was typed and
   not saved, so it counts as changed from the start. Without JavaScript nothing is lost either:
   the server keeps the typed values of a failed save. Loaded by
   templates/admin/practices/practice/change_form.html; a file, as the Content-Security-Policy asks. */
'use strict';
{
    const form = document.getElementById('practice_form');
    if (form) {
        const state = () => {
            const values = [];
            for (const [name, value] of new FormData(form)) {
                if (name !== 'csrfmiddlewaretoken') {
                    values.push([name, typeof value === 'string' ? value : value.name]);
                }
            }
            return JSON.stringify(values);
        };
        const failedSave = document.querySelector('.errornote') !== null;
        let saved = state();
        let submitting = false;
        // Widgets that set their values once the page is ready (select2, the slug) are not
        // changes by the person: take the reference state again once everything has loaded.
        window.addEventListener('load', () => {
            if (!failedSave && !form.dataset.touched) {
                saved = state();
            }
        });
        form.addEventListener('input', () => { form.dataset.touched = '1'; });
        form.addEventListener('change', () => { form.dataset.touched = '1'; });
        form.addEventListener('submit', () => { submitting = true; });
        // A submission cancelled by the browser (the page stays) must not silence the question.
        window.addEventListener('pageshow', () => { submitting = false; });
        window.addEventListener('beforeunload', (event) => {
            if (submitting || (!failedSave && state() === saved)) {
                return;
            }
            event.preventDefault();
            event.returnValue = '';
        });
    }
}
