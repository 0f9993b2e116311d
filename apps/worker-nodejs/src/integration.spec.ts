import { describeCategoryThroughGateway } from '@mcp/core-protocol/testing';
import cases from '@mcp/tools-nodejs/bench';

describeCategoryThroughGateway('nodejs', cases);
