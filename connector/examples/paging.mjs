// Paging SMASHSEND's key list: one page at a time with the cursor in your hands, or every page within a time budget.
import { SmashsendClient, TimeBudgetError } from '@keyring/connector';

const smashsend = new SmashsendClient(process.env.SMASHSEND_API_KEY, {
  baseUrl: process.env.SMASHSEND_BASE_URL,
  workspaceId: process.env.SMASHSEND_WORKSPACE_ID, // optional: found from the key when not set
});

// One page: `startAt` is the cursor for the next one (null on the last page).
const first = await smashsend.listApiKeys({ limit: 2, sort: 'createdAt.asc' });
console.log(`Page 1: ${first.items.map((key) => key.displayName).join(', ')}; more: ${first.hasMore}`);
if (first.startAt !== null) {
  const second = await smashsend.listApiKeys({ limit: 2, sort: 'createdAt.asc', startAt: first.startAt });
  console.log(`Page 2: ${second.items.map((key) => key.displayName).join(', ')}; more: ${second.hasMore}`);
}

// Every page, for as long as the budget allows: past the deadline, the next page is not requested.
try {
  let keys = 0;
  for await (const page of smashsend.pages({ limit: 100, deadline: Date.now() + 20_000 })) keys += page.items.length;
  console.log(`All pages: ${keys} keys`);
} catch (error) {
  if (!(error instanceof TimeBudgetError)) throw error;
  console.log(`Stopped at the deadline after ${error.pagesRead} pages (${error.itemsRead} keys)`);
}
