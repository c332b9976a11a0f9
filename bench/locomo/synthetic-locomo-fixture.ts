// A tiny conversation in the LoCoMo file format, invented for the tests (no
// LoCoMo data). Session keys are listed out of order on purpose, and the turns
// cover a caption, a line break inside a text, a repeated line and malformed
// evidence ids.

/** Raw JSON of a two-sample LoCoMo-format file. Each call returns a fresh copy. */
export function syntheticLocomoJson(): unknown[] {
  return [
    {
      sample_id: 'syn-1',
      conversation: {
        speaker_a: 'Ana',
        speaker_b: 'Ben',
        session_2_date_time: '9:15 am on 3 June, 2023',
        session_2: [
          { speaker: 'Ana', dia_id: 'D2:1', text: 'I adopted a puppy named Biscuit last weekend!' },
          {
            speaker: 'Ben',
            dia_id: 'D2:2',
            text: 'So cute! Here is my garden.',
            img_url: ['https://example.invalid/garden.jpg'],
            blip_caption: 'a photo of tomatoes growing in a garden',
          },
          { speaker: 'Ana', dia_id: 'D2:3', text: 'See you!' },
        ],
        session_1_date_time: '1:56 pm on 8 May, 2023',
        session_1: [
          { speaker: 'Ana', dia_id: 'D1:1', text: 'Hi Ben! I started painting\nsunsets at the lake.' },
          { speaker: 'Ben', dia_id: 'D1:2', text: 'Nice. I went hiking in the Alps with my sister.' },
          { speaker: 'Ana', dia_id: 'D1:3', text: 'See you!' },
        ],
      },
      qa: [
        { question: 'What does Ana paint?', answer: 'Sunsets', evidence: ['D1:1'], category: 4 },
        { question: 'When did Ana adopt a puppy?', answer: 2023, evidence: ['D2:1; D1:9'], category: 2 },
        {
          question: 'Where did Ben hike and what does he grow?',
          answer: 'the Alps; tomatoes',
          evidence: ['D1:2', 'D:2:2', 'D2:2', 'D1:2'],
          category: 1,
        },
        { question: 'Would Ana like dogs?', answer: 'Yes', evidence: [], category: 3 },
        { question: 'What did Ben adopt?', adversarial_answer: 'a puppy', evidence: ['D2:1'], category: 5 },
      ],
    },
    {
      sample_id: 'syn-2',
      conversation: {
        speaker_a: 'Cy',
        speaker_b: 'Dee',
        session_1_date_time: '12:05 am on 1 January, 2024',
        session_1: [
          { speaker: 'Cy', dia_id: 'D1:1', text: 'Happy new year! I am learning the violin.' },
          { speaker: 'Dee', dia_id: 'D1:2', text: 'Great, I am running a marathon in April.' },
        ],
      },
      qa: [
        { question: 'What instrument is Cy learning?', answer: 'violin', evidence: ['D1:1'], category: 4 },
      ],
    },
  ];
}
