// Draws the share cards of one page from the `smolsp/shareCard` model (docs/share-cards.md) into a DOM element.
// One renderer for every view: the VS Code "Share preview" webview and the `smolsp check --format html` report embed
// this file as is. No dependencies, no network: images come as `image.src` (a webview URI or a data: URI).
// Usage: SmolspCards.render(element, card, { onJump(location) {}, locationLabel(location) -> string });
(function (global) {
  'use strict';

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function describe(name, field, options) {
    const parts = [];
    if (field.value) {
      const src = field.value.source;
      parts.push(name + ' from ' + src.tag + (field.fallback ? ' (fallback; reads ' + field.chain.join(' → ') + ')' : ''));
      if (src.location) parts.push(options.locationLabel ? options.locationLabel(src.location) : src.location.uri);
      if (field.value.isDynamic) parts.push('set at runtime: length unknown');
    } else {
      parts.push(name + ' missing: reads ' + field.chain.join(' → '));
    }
    if (field.truncated) parts.push('cut at ' + (field.limitDocumented ? '' : '≈') + field.limit + ' characters');
    return parts.join('\n');
  }

  function field(name, f, className, options, transform) {
    const e = el('div', 'sc-field ' + className);
    e.dataset.field = name;
    if (!f || !f.value) {
      e.classList.add('sc-missing');
      e.textContent = !f || !f.chain.length ? '' : name === 'site' ? 'no ' + f.chain.filter((k) => !k.startsWith('smolsp.json')).join(' / ') : 'no ' + f.chain[0];
    } else {
      let text = f.shown || f.value.text;
      if (transform) text = transform(text);
      e.textContent = text;
      if (f.value.isDynamic) e.classList.add('sc-dynamic');
      if (f.truncated) e.classList.add('sc-truncated');
      if (f.fallback) e.classList.add('sc-fallback');
      const loc = f.value.source.location;
      if (loc && options.onJump) {
        e.classList.add('sc-jump');
        e.tabIndex = 0;
        e.setAttribute('role', 'link');
        e.addEventListener('click', () => options.onJump(loc));
        e.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') options.onJump(loc); });
      }
    }
    if (f) e.title = describe(name, f, options);
    return e;
  }

  function imageFrame(card, p, options, className) {
    const frame = el('div', 'sc-frame ' + (className || ''));
    if (p.imageAspect) frame.style.aspectRatio = String(p.imageAspect);
    const image = p.image;
    if (!image) {
      frame.classList.add('sc-noimage');
      frame.appendChild(el('span', '', 'no image'));
      frame.title = 'no ' + p.imageChain.join(' / ') + ': the platform shows no picture, or one it guesses';
      return frame;
    }
    const facts = [];
    facts.push(image.source.tag + ': ' + image.url);
    if (image.width && image.height) facts.push(image.width + '×' + image.height + ' ' + (image.format || '').toUpperCase());
    if (image.bytes) facts.push(Math.round(image.bytes / 1024) + ' KB');
    if (image.fileUri && !image.exists) facts.push('no such file');
    if (image.problem) facts.push(image.problem);
    if (p.imageAspect) facts.push('cropped to ' + p.imageAspect + ':1');
    frame.title = facts.join('\n');
    if (image.src) {
      const img = el('img');
      img.alt = image.alt || '';
      img.src = image.src;
      img.draggable = false;
      frame.appendChild(img);
    } else {
      frame.classList.add('sc-noimage');
      frame.appendChild(el('span', '', image.fileUri && !image.exists ? 'missing file ' + image.url : image.isDynamic ? 'set at runtime' : image.url));
    }
    const loc = image.source.location;
    if (loc && options.onJump) {
      frame.classList.add('sc-jump');
      frame.dataset.field = 'image';
      frame.addEventListener('click', () => options.onJump(loc));
    }
    return frame;
  }

  function header(p) {
    const h = el('div', 'sc-platform', p.name);
    if (p.note) h.appendChild(el('span', 'sc-note', ' · ' + p.note));
    return h;
  }

  const upper = (t) => t.toUpperCase();

  function large(card, p, options) {
    const a = el('article', 'sc-card sc-large');
    a.appendChild(imageFrame(card, p, options));
    const body = el('div', 'sc-body');
    body.appendChild(field('site', p.site, 'sc-site', options, p.id === 'facebook' ? upper : undefined));
    body.appendChild(field('title', p.title, 'sc-title', options));
    if (p.id !== 'linkedin') body.appendChild(field('description', p.description, 'sc-desc', options));
    a.appendChild(body);
    return a;
  }

  function small(card, p, options) {
    const a = el('article', 'sc-card sc-small');
    a.appendChild(imageFrame(card, p, options, 'sc-square'));
    const body = el('div', 'sc-body');
    body.appendChild(field('site', p.site, 'sc-site', options));
    body.appendChild(field('title', p.title, 'sc-title', options));
    body.appendChild(field('description', p.description, 'sc-desc', options));
    a.appendChild(body);
    return a;
  }

  function unfurl(card, p, options) {
    const a = el('article', 'sc-card sc-unfurl');
    if (p.id === 'discord' && card.themeColor) a.style.borderLeftColor = card.themeColor;
    const row = el('div', 'sc-row');
    const body = el('div', 'sc-body');
    body.appendChild(field('site', p.site, 'sc-site', options));
    body.appendChild(field('title', p.title, 'sc-title sc-link', options));
    body.appendChild(field('description', p.description, 'sc-desc', options));
    row.appendChild(body);
    if (!p.imageAspect) row.appendChild(imageFrame(card, p, options, 'sc-thumb'));
    a.appendChild(row);
    if (p.imageAspect) a.appendChild(imageFrame(card, p, options));
    return a;
  }

  function search(card, p, options) {
    const a = el('article', 'sc-card sc-search');
    a.appendChild(field('site', p.site, 'sc-site', options));
    a.appendChild(el('div', 'sc-url', card.url ? card.url.text : card.host || ''));
    a.appendChild(field('title', p.title, 'sc-title sc-link', options));
    a.appendChild(field('description', p.description, 'sc-desc', options));
    return a;
  }

  const layouts = { largeImage: large, smallImage: small, unfurl: unfurl, searchResult: search };

  function render(root, card, options) {
    options = options || {};
    root.textContent = '';
    root.classList.add('sc-root');
    if (!card) {
      root.appendChild(el('p', 'sc-empty', 'No share card: this file is a partial, or it could not be analyzed.'));
      return;
    }
    for (const p of card.platforms) {
      const cell = el('section', 'sc-cell');
      cell.dataset.platform = p.id;
      cell.appendChild(header(p));
      const draw = layouts[p.layout] || large;
      cell.appendChild(draw(card, p, options));
      root.appendChild(cell);
    }
  }

  global.SmolspCards = { render: render };
})(typeof window !== 'undefined' ? window : globalThis);
