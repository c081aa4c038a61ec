// Drives the official OpenAI Node SDK against a running bridge (started by OpenAiNodeSdkTest).
// BRIDGE_URL: the bridge's base URL (http://127.0.0.1:PORT/v1); UPSTREAM_API: chat or responses (what the fake upstream
// behind the bridge speaks, so which endpoint is translated and which passes through).
// Every check asserts on what the SDK itself parsed and accumulated; the last line is "N passed, M failed".
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';

// STREAM_DIR: every 200 SSE stream the bridge sends is also saved there, whole, as {path, model, usage, text}, for the
// Java test to hand to the test kit's stream checkers (the SDK reads its own copy of the bytes, untouched).
const streamDir = process.env.STREAM_DIR;
const saving = [];
async function teeStreams(url, init) {
  const res = await fetch(url, init);
  if (!streamDir || res.status !== 200 || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    return res;
  }
  const request = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
  const [saved, sdk] = res.body.tee();
  const file = join(streamDir, `stream-${saving.length + 1}.json`);
  saving.push(new Response(saved).text().then((text) => writeFile(file, JSON.stringify({
    path: new URL(String(url)).pathname, model: request.model ?? null,
    usage: request.stream_options?.include_usage === true, text,
  }))));
  return new Response(sdk, { status: res.status, statusText: res.statusText, headers: res.headers });
}

const client = new OpenAI({
  baseURL: process.env.BRIDGE_URL, apiKey: 'sk-client-test-0001', maxRetries: 0, timeout: 20_000, fetch: teeStreams,
});
const upstreamApi = process.env.UPSTREAM_API;
let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e?.stack ?? e}`);
  }
}

const weatherTool = {
  type: 'function', name: 'get_weather', description: 'Current weather in a city', strict: true,
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
};
const chatWeatherTool = {
  type: 'function',
  function: { name: weatherTool.name, description: weatherTool.description, parameters: weatherTool.parameters, strict: true },
};
const weatherSchema = {
  type: 'object', properties: { city: { type: 'string' }, temperature_c: { type: 'number' } },
  required: ['city', 'temperature_c'], additionalProperties: false,
};
// The fake model's text always starts like this; a translated upstream counts messages, a Responses one items.
const echo = (text) => new RegExp(`^Echo: ${text} \\(\\d+ (messages|items)\\)$`);

await check('responses.create', async () => {
  const r = await client.responses.create({ model: 'gpt-test', input: 'Hello from node', instructions: 'Be brief.' });
  assert.equal(r.object, 'response');
  assert.equal(r.status, 'completed');
  assert.match(r.output_text, echo('Hello from node'));
  assert.ok(r.usage.total_tokens > 0);
});

await check('responses.create stream:true', async () => {
  const stream = await client.responses.create({ model: 'gpt-test', input: 'Raw stream', stream: true });
  let text = '';
  let completed = null;
  let expected = 0;
  for await (const event of stream) {
    assert.equal(event.sequence_number, expected++);
    if (event.type === 'response.output_text.delta') text += event.delta;
    if (event.type === 'response.completed') completed = event.response;
  }
  assert.match(text, echo('Raw stream'));
  assert.equal(completed.status, 'completed');
  assert.equal(completed.output[0].content[0].text, text);
});

await check('responses.stream helper and finalResponse', async () => {
  const runner = client.responses.stream({ model: 'gpt-test', input: 'Helper stream' });
  let deltas = '';
  runner.on('response.output_text.delta', (e) => { deltas += e.delta; });
  const final = await runner.finalResponse();
  assert.match(final.output_text, echo('Helper stream'));
  assert.equal(final.output_text, deltas);
});

await check('responses.stream with parallel tool calls', async () => {
  const runner = client.responses.stream({ model: 'gpt-test', input: 'Weather in two cities?', tools: [weatherTool] });
  const done = [];
  runner.on('response.function_call_arguments.done', (e) => done.push(e.arguments));
  const final = await runner.finalResponse();
  const calls = final.output.filter((i) => i.type === 'function_call');
  assert.equal(calls.length, 2);
  assert.deepEqual(calls.map((c) => JSON.parse(c.arguments).city), ['Paris', 'Tokyo']);
  assert.deepEqual(calls.map((c) => c.parsed_arguments?.city), ['Paris', 'Tokyo']);
  assert.deepEqual(done.map((a) => JSON.parse(a).city), ['Paris', 'Tokyo']);
  assert.notEqual(calls[0].call_id, calls[1].call_id);
});

await check('responses.parse structured output', async () => {
  const r = await client.responses.parse({
    model: 'gpt-test', input: 'Weather as JSON',
    text: { format: { type: 'json_schema', name: 'weather', schema: weatherSchema, strict: true } },
  });
  assert.deepEqual(r.output_parsed, { city: 'Paris', temperature_c: 18 });
});

if (upstreamApi === 'chat') {
  // Over a Chat upstream the bridge itself keeps the conversation: previous_response_id, retrieve, input items, delete.
  await check('previous_response_id chain with tools, three turns', async () => {
    const first = await client.responses.create({ model: 'gpt-test', input: 'Weather in Paris?', tools: [weatherTool] });
    const call = first.output.find((i) => i.type === 'function_call');
    assert.ok(call, 'a function call');
    const second = await client.responses.stream({
      model: 'gpt-test', previous_response_id: first.id, tools: [weatherTool],
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '18C and sunny' }],
    }).finalResponse();
    assert.equal(second.output_text, 'Weather: 18C and sunny');
    assert.equal(second.previous_response_id, first.id);
    const third = await client.responses.create({ model: 'gpt-test', previous_response_id: second.id, input: 'Thanks!' });
    assert.equal(third.output_text, 'Echo: Thanks! (5 messages)');

    const again = await client.responses.retrieve(third.id);
    assert.equal(again.id, third.id);
    assert.equal(again.output_text, third.output_text);
    const items = [];
    for await (const item of client.responses.inputItems.list(third.id, { order: 'asc', limit: 2 })) items.push(item);
    assert.deepEqual(items.map((i) => i.type), ['message', 'function_call', 'function_call_output', 'message', 'message']);
    await client.responses.delete(third.id);
    await assert.rejects(client.responses.retrieve(third.id), (e) => e instanceof OpenAI.NotFoundError);
  });

  await check('unknown previous_response_id is a 400 previous_response_not_found, as live', async () => {
    await assert.rejects(
      client.responses.create({ model: 'gpt-test', previous_response_id: 'resp_does_not_exist', input: 'Hi' }),
      (e) => e instanceof OpenAI.BadRequestError && e.param === 'previous_response_id' && e.code === 'previous_response_not_found');
  });
}

// An upstream failure after the stream started must throw, as it does against the live API: the Chat upstream's error
// (translated, written in both shapes), and over a Responses upstream its error event in the spec's top-level shape
// (completed by the bridge) and in the live nested shape (passed through).
for (const model of ['fault-error-midstream', 'fault-error-midstream-live']) {
  await check(`mid-stream failure throws from raw iteration (${model})`, async () => {
    const stream = await client.responses.create({ model, input: 'Hello', stream: true });
    const seen = [];
    await assert.rejects(async () => {
      for await (const event of stream) seen.push(event.type);
    }, (e) => e instanceof OpenAI.APIError && /overloaded|quota/.test(e.message));
    assert.equal(seen[0], 'response.created');
  });
  await check(`mid-stream failure throws from responses.stream() (${model})`, async () => {
    const runner = client.responses.stream({ model, input: 'Hello' });
    await assert.rejects(runner.finalResponse(), (e) => e instanceof OpenAI.APIError && /overloaded|quota/.test(e.message));
  });
}

await check('chat.completions.create', async () => {
  const c = await client.chat.completions.create({
    model: 'gpt-test', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello chat' }],
  });
  assert.equal(c.object, 'chat.completion');
  assert.equal(c.choices[0].finish_reason, 'stop');
  assert.match(c.choices[0].message.content, echo('Hello chat'));
  assert.ok(c.usage.total_tokens > 0);
});

await check('chat.completions.create stream:true with usage', async () => {
  const stream = await client.chat.completions.create({
    model: 'gpt-test', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Raw chat stream' }],
  });
  let text = '';
  let usage = null;
  let finish = [];
  for await (const chunk of stream) {
    if (chunk.choices[0]?.delta?.content) text += chunk.choices[0].delta.content;
    if (chunk.choices[0]?.finish_reason) finish.push(chunk.choices[0].finish_reason);
    if (chunk.usage) usage = chunk.usage;
  }
  assert.match(text, echo('Raw chat stream'));
  assert.deepEqual(finish, ['stop']);
  assert.ok(usage.total_tokens > 0);
});

await check('chat.completions.stream helper and finalChatCompletion', async () => {
  const runner = client.chat.completions.stream({ model: 'gpt-test', messages: [{ role: 'user', content: 'Helper chat' }] });
  let deltas = '';
  runner.on('content', (delta) => { deltas += delta; });
  const final = await runner.finalChatCompletion();
  assert.match(final.choices[0].message.content, echo('Helper chat'));
  assert.equal(final.choices[0].message.content, deltas);
  assert.equal(await runner.finalContent(), deltas);
});

await check('chat.completions.stream with parallel tool calls', async () => {
  const runner = client.chat.completions.stream({
    model: 'gpt-test', tools: [chatWeatherTool], messages: [{ role: 'user', content: 'Weather in two cities?' }],
  });
  const final = await runner.finalChatCompletion();
  const calls = final.choices[0].message.tool_calls;
  assert.equal(final.choices[0].finish_reason, 'tool_calls');
  assert.equal(calls.length, 2);
  assert.deepEqual(calls.map((c) => JSON.parse(c.function.arguments).city), ['Paris', 'Tokyo']);
  assert.deepEqual(calls.map((c) => c.function.parsed_arguments?.city), ['Paris', 'Tokyo']);
  assert.notEqual(calls[0].id, calls[1].id);
});

await check('chat tool result round trip', async () => {
  const c = await client.chat.completions.create({
    model: 'gpt-test', tools: [chatWeatherTool], messages: [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_x', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_x', content: '18C' },
    ],
  });
  assert.equal(c.choices[0].message.content, 'Weather: 18C');
});

await check('chat.completions.parse structured output', async () => {
  const c = await client.chat.completions.parse({
    model: 'gpt-test', messages: [{ role: 'user', content: 'Weather as JSON' }],
    response_format: { type: 'json_schema', json_schema: { name: 'weather', schema: weatherSchema, strict: true } },
  });
  assert.deepEqual(c.choices[0].message.parsed, { city: 'Paris', temperature_c: 18 });
});

await check('upstream errors surface as the SDK error classes', async () => {
  await assert.rejects(client.chat.completions.create({ model: 'fault-429', messages: [{ role: 'user', content: 'x' }] }),
    (e) => e instanceof OpenAI.RateLimitError && e.code === 'rate_limit_exceeded');
  await assert.rejects(client.responses.create({ model: 'fault-401', input: 'x' }),
    (e) => e instanceof OpenAI.AuthenticationError && !String(e.message).includes('sk-client-test-0001'));
  await assert.rejects(client.responses.create({ model: 'fault-500', input: 'x', stream: true }),
    (e) => e instanceof OpenAI.InternalServerError);
});

await check('models.list', async () => {
  const models = [];
  for await (const m of client.models.list()) models.push(m.id);
  assert.deepEqual(models, ['gpt-test']);
});

await Promise.all(saving);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
