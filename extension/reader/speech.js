// Reading the article aloud with the Web Speech API: one utterance per paragraph (long
// utterances stop early in some browsers), the paragraph being read is marked, and pausing
// remembers the paragraph so Listen goes on from there (pause() and resume() are unreliable
// across browsers and voices).
(() => {
  const READ = "p, li, h2, h3, h4, blockquote, figcaption";
  const SPEAKING = "speaking";

  function create({ container, lang, onChange }) {
    const synth = globalThis.speechSynthesis;
    let blocks = [];
    let at = 0;
    let rate = 1;
    let playing = false;
    // Each start gets a number: the end of an utterance that was cancelled must not move on.
    let generation = 0;

    function mark(index) {
      container.querySelector(`.${SPEAKING}`)?.classList.remove(SPEAKING);
      blocks[index]?.classList.add(SPEAKING);
    }

    function speakFrom(index) {
      const mine = ++generation;
      if (index >= blocks.length) {
        stop();
        at = 0;
        return;
      }
      at = index;
      mark(index);
      const utterance = new SpeechSynthesisUtterance(blocks[index].textContent.replace(/\s+/g, " ").trim());
      utterance.rate = rate;
      if (lang) utterance.lang = lang;
      utterance.onend = () => mine === generation && speakFrom(index + 1);
      utterance.onerror = (event) => {
        if (mine !== generation || event.error === "interrupted" || event.error === "canceled") return;
        console.error("Winnow could not read the article aloud:", event.error);
        stop();
      };
      synth.speak(utterance);
    }

    function play() {
      blocks = [...container.querySelectorAll(READ)].filter((el) => el.textContent.trim());
      if (!blocks.length) return;
      playing = true;
      synth.cancel();
      speakFrom(at);
      onChange(playing);
    }

    function stop() {
      generation += 1;
      playing = false;
      synth.cancel();
      onChange(playing);
    }

    // Pausing keeps the place; the paragraph is read again from its start on Listen.
    function toggle() {
      if (playing) stop();
      else play();
    }

    function setRate(value) {
      rate = value;
      if (playing) {
        synth.cancel();
        speakFrom(at);
      }
    }

    function teardown() {
      stop();
      mark(-1);
    }

    return { toggle, setRate, teardown };
  }

  globalThis.winnowSpeech = Object.freeze({ supported: () => "speechSynthesis" in globalThis, create });
})();
